/* xa-view-export.c — see xa-view-export.h. The page hands over only the ids of its rows, in
 * its order, and its filters in words: a thread reads those records from its own connection
 * to the store into an export table and writes it, so the window stays live while 100,000
 * rows are read and written. The file is written under a temporary name and renamed
 * (xa_export_write_table()), so a failure never leaves part of a file. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-calendar.h"
#include "xa-city-summary.h"
#include "xa-dashboard-report.h"
#include "xa-export-file.h"
#include "xa-export-pdf.h"
#include "xa-format.h"
#include "xa-message-dialogs.h"
#include "xa-priority-settings.h"
#include "xa-session.h"
#include "xa-view-export.h"
#include "xa-window.h"

const char * const xa_view_export_actions[][2] = {
  { "win.export", NULL },
  { "win.export-to", "s" },
  { "win.print", NULL },
  { "win.print-to", "s" },
  { "win.open-export", "s" },
  { NULL, NULL },
};

/* Each XaExportFormat's extension. */
static const char * const format_extensions[] = { ".csv", ".xlsx", ".pdf" };
G_STATIC_ASSERT (XA_EXPORT_FORMAT_CSV == 0 && XA_EXPORT_FORMAT_XLSX == 1
                 && XA_EXPORT_FORMAT_PDF == 2);

struct _XaViewExport
{
  GObject               parent_instance;

  /* Weak pointers: the window owns this object and the widgets. */
  GtkWidget            *window;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  XaElevatorList       *elevator_list;
  XaProblemLedger      *problem_ledger;
  XaCompoundList       *compound_list;
  GSettings            *settings;

  GtkFileChooserNative *chooser;
  /* Where the last export went: the save dialog opens there next. */
  GFile                *last_folder;
};

G_DEFINE_FINAL_TYPE (XaViewExport, xa_view_export, G_TYPE_OBJECT)

/* One export or print: what the page showed when it was asked for, then what the thread
 * read and wrote. */
typedef struct
{
  XaExportKind      kind;
  char             *store_path;
  char             *district;     /* or NULL */
  GPtrArray        *ids;
  char             *filters;      /* the page's filters in words, or NULL */
  /* The list of compounds' measure: its column's title and id → text, or NULL. */
  char             *measure_title;
  GHashTable       *measures;
  gint64            now;
  XaPriorityParams  params;
  char             *output;       /* the file to export to; NULL to print */
  XaExportFormat    format;
  char             *print_to;     /* print into this PDF file; NULL for the print dialog */
  XaExportTable    *table;        /* read by the thread */
  /* The Dashboard's report instead of a table: the measure of its chart by district, the
   * season and assessment interval of its figures. */
  gboolean                 dashboard;
  XaDashboardMeasure       measure;
  int                      season;
  int                      reassessment_years;
  XaDashboardReportFormat  report_format;
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->district);
  g_clear_pointer (&job->ids, g_ptr_array_unref);
  g_free (job->filters);
  g_free (job->measure_title);
  g_clear_pointer (&job->measures, g_hash_table_unref);
  g_free (job->output);
  g_free (job->print_to);
  g_clear_pointer (&job->table, xa_export_table_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* What @job was asked for, to try again elsewhere. */
static Job *
job_copy_request (const Job *job)
{
  Job *copy = g_new0 (Job, 1);

  copy->kind = job->kind;
  copy->store_path = g_strdup (job->store_path);
  copy->district = g_strdup (job->district);
  copy->ids = job->ids != NULL ? g_ptr_array_ref (job->ids) : NULL;
  copy->filters = g_strdup (job->filters);
  copy->measure_title = g_strdup (job->measure_title);
  copy->measures = job->measures != NULL ? g_hash_table_ref (job->measures) : NULL;
  copy->now = job->now;
  copy->params = job->params;
  copy->dashboard = job->dashboard;
  copy->measure = job->measure;
  copy->season = job->season;
  copy->reassessment_years = job->reassessment_years;
  return copy;
}

static void choose_file (XaViewExport *self,
                         Job          *job);

/* ---- The page's filters in words ---- */

/* Without the mnemonic: "Due This _Week" → "Due This Week", and as Chinese translations
 * write it, "本周到期(_W)" → "本周到期". */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (p[0] == '(' && p[1] == '_' && p[2] != '\0' && p[3] == ')')
        {
          p += 3;
          continue;
        }
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* What the filter widgets under @widget are set to, as their user reads them: each
 * dropdown's choice but the first ("Any …"), the search text, each toggle that is on. The
 * table itself is no filter. */
static void
describe_filters (GtkWidget *widget,
                  GPtrArray *words)
{
  if (!gtk_widget_get_visible (widget) || GTK_IS_COLUMN_VIEW (widget))
    return;
  if (GTK_IS_DROP_DOWN (widget))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
      gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (widget));

      if (selected != 0 && selected != GTK_INVALID_LIST_POSITION && GTK_IS_STRING_OBJECT (item))
        g_ptr_array_add (words, g_strdup (gtk_string_object_get_string (item)));
      return;
    }
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE
                                                                          (widget))));

      if (*text != '\0')
        /* Translators: the search text among the filters of an export or a printout. */
        g_ptr_array_add (words, g_strdup_printf (_("“%s”"), text));
      return;
    }
  if (GTK_IS_TOGGLE_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)) && label != NULL)
        g_ptr_array_add (words, strip_mnemonic (label));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe_filters (child, words);
}

/* ---- Jobs ---- */

/* Whether the map page shows the list of compounds, which is then what is exported. */
static gboolean
compound_list_shown (XaViewExport *self)
{
  return self->compound_list != NULL
         && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") == 0
         && gtk_widget_get_visible (GTK_WIDGET (self->compound_list));
}

/* A job for the page on screen, or NULL when it is neither the Elevators nor the Problems
 * page, nor the map with its list of compounds. */
static Job *
job_new (XaViewExport *self,
         const char   *district)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  g_autoptr(Job) job = g_new0 (Job, 1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *view = NULL;

  if (compound_list_shown (self))
    {
      /* The list has no filters of its own: its heading ("Unresolved Problems · Some
       * overdue") says what it lists, after the district. */
      job->kind = XA_EXPORT_COMPOUNDS;
      job->ids = xa_compound_list_get_shown_ids (self->compound_list, &job->measure_title,
                                                 &job->measures);
      if (xa_compound_list_get_heading (self->compound_list) != NULL)
        g_ptr_array_add (words, g_strdup (xa_compound_list_get_heading (self->compound_list)));
    }
  else if (g_strcmp0 (page, "elevators") == 0)
    {
      job->kind = XA_EXPORT_ELEVATORS;
      job->ids = xa_elevator_list_get_shown_ids (self->elevator_list);
      view = GTK_WIDGET (self->elevator_list);
    }
  else if (g_strcmp0 (page, "problems") == 0)
    {
      job->kind = XA_EXPORT_PROBLEMS;
      job->ids = xa_problem_ledger_get_shown_ids (self->problem_ledger);
      view = GTK_WIDGET (self->problem_ledger);
    }
  else if (g_strcmp0 (page, "summary") == 0)
    {
      GtkWidget *summary = adw_view_stack_get_child_by_name (self->view_stack, "summary");

      /* The Dashboard: its figures read again in the thread, as the page computes them. */
      job->dashboard = TRUE;
      job->measure = xa_city_summary_get_measure (XA_CITY_SUMMARY (summary));
      job->season = g_settings_get_int (self->settings, "flood-season");
      job->reassessment_years = g_settings_get_int (self->settings, "reassessment-interval");
    }
  else
    return NULL;

  if (view != NULL)
    describe_filters (view, words);
  g_ptr_array_add (words, NULL);
  if (words->len > 1)
    /* Translators: between the filters of a page in the heading of an export. */
    job->filters = g_strjoinv (C_("export filters", " · "), (char **) words->pdata);
  job->store_path = g_strdup (xa_session_get_store_path (xa_window_get_session
                                                          (XA_WINDOW (self->window))));
  job->district = g_strdup (district);
  job->now = g_get_real_time () / G_USEC_PER_SEC;
  xa_priority_params_from_settings (self->settings, &job->params);
  return g_steal_pointer (&job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(XaStore) store = NULL;
  GError *error = NULL;

  if (job->dashboard)
    {
      if (!xa_dashboard_report_export_file (job->store_path, job->district, job->output,
                                            job->now, job->season, job->reassessment_years,
                                            job->measure, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  /* Said before the store is read, which takes seconds on a large city. */
  if (job->output != NULL && !xa_export_check_output_folder (job->output, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  store = xa_store_open (job->store_path, &error);
  if (store != NULL)
    job->table = xa_export_table_new_rows (store, job->kind, job->district, job->ids,
                                           job->filters, job->now, &job->params, &error);
  if (job->table != NULL && job->measures != NULL)
    xa_export_table_add_column (job->table, job->measure_title, job->measures);
  if (job->table == NULL
      || (job->output != NULL
          && !xa_export_write_table (job->table, job->format, job->output, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
run_job (XaViewExport        *self,
         Job                 *job,
         GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, NULL);

  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, read_thread);
}

/* ---- Export ---- */

static void
error_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   XaViewExport     *self)
{
  Job *job = g_object_steal_data (G_OBJECT (dialog), "job");

  if (g_strcmp0 (response, "elsewhere") == 0 && self->window != NULL)
    choose_file (self, job);
  else
    job_free (job);
}

/* Says what failed; an export that could not be written may go elsewhere (@job, taken). */
static void
show_error (XaViewExport *self,
            const char   *heading,
            const GError *error,
            Job          *job)
{
  AdwMessageDialog *dialog = xa_message_dialog_new_error (GTK_WINDOW (self->window), heading,
                                                         error->message);

  if (job != NULL)
    {
      adw_message_dialog_add_response (dialog, "elsewhere", _("Save _Elsewhere…"));
      adw_message_dialog_set_response_appearance (dialog, "elsewhere", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "elsewhere");
      g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) job_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (error_response_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The job of the task @result when it did its work; NULL when the window is gone, or when
 * it failed: then a dialog headed @heading says why (and, with @elsewhere, offers to save
 * the export elsewhere). */
static Job *
finished_job (XaViewExport *self,
              GAsyncResult *result,
              const char   *heading,
              gboolean      elsewhere)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->window == NULL)
    return NULL;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, heading, error, elsewhere ? job_copy_request (job) : NULL);
      return NULL;
    }
  return job;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  XaViewExport *self = XA_VIEW_EXPORT (source);
  Job *job = finished_job (self, result, _("Could Not Export"), TRUE);
  g_autofree char *rows = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;
  guint n_rows;
  AdwToast *toast;

  if (job == NULL)
    return;

  name = g_filename_display_basename (job->output);
  if (job->dashboard)
    /* Translators: a toast after "Export Report…" on the Dashboard; the file's name. */
    text = g_strdup_printf (_("Exported the report to %s"), name);
  else
    {
      n_rows = xa_export_table_get_n_rows (job->table);
      rows = xa_format_count (n_rows);
      /* Translators: a toast after an export from the Elevators or Problems page or the list
       * of compounds; the number of rows and the file's name. */
      text = g_strdup_printf (ngettext ("Exported %s row to %s", "Exported %s rows to %s",
                                        n_rows), rows, name);
    }
  uri = g_filename_to_uri (job->output, NULL, NULL);
  toast = adw_toast_new (text);
  if (uri != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-export");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  xa_window_add_toast (XA_WINDOW (self->window), toast);
}

/* Exports @job (taken) to @path, the format following its extension or, without one,
 * @fallback's, whose extension is then added. */
static void
export_to (XaViewExport   *self,
           Job            *job,
           const char     *path,
           XaExportFormat  fallback)
{
  g_autoptr(GError) error = NULL;

  if (job->dashboard)
    {
      /* A report is a PDF unless its name or the PNG filter says otherwise. */
      if (xa_dashboard_report_format_from_path (path, &job->report_format, &error))
        job->output = g_strdup (path);
      else
        job->output = g_strconcat (path, fallback == XA_EXPORT_FORMAT_CSV ? ".png" : ".pdf",
                                   NULL);
    }
  else if (xa_export_format_from_path (path, &job->format, &error))
    job->output = g_strdup (path);
  else
    {
      job->format = fallback;
      job->output = g_strconcat (path, format_extensions[fallback], NULL);
    }
  run_job (self, job, export_done_cb);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  XaViewExport *self = XA_VIEW_EXPORT (user_data);
  g_autoptr(Job) job = g_object_steal_data (G_OBJECT (chooser), "job");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkFileFilter *filter;
  XaExportFormat fallback = XA_EXPORT_FORMAT_XLSX;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  if (filter != NULL)
    fallback = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "format"));
  g_clear_object (&self->chooser);
  if (path == NULL || self->window == NULL)
    return;

  g_clear_object (&self->last_folder);
  self->last_folder = g_file_get_parent (file);
  export_to (self, g_steal_pointer (&job), path, fallback);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *mime_type,
            XaExportFormat  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data (G_OBJECT (filter), "format", GINT_TO_POINTER (format));
  gtk_file_chooser_add_filter (chooser, filter);
  if (format == XA_EXPORT_FORMAT_XLSX)
    gtk_file_chooser_set_filter (chooser, filter);
}

static void
open_chooser (XaViewExport *self,
              Job          *job,
              const char   *name);

/* The save dialog of the Dashboard's report: PDF, or PNG for slides. The PNG filter
 * carries XA_EXPORT_FORMAT_CSV as its mark, export_to()'s fallback for a report. */
static void
choose_report_file (XaViewExport *self,
                    Job          *job,
                    const char   *date)
{
  GtkFileChooser *chooser;
  g_autoptr(GtkFileFilter) pdf = NULL;
  /* Translators: the start of an exported report's suggested name, as in
   * "dashboard-2026-12-06.pdf"; keep it short, without spaces. */
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", C_("file name", "dashboard"), date);

  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self->window),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  add_filter (chooser, _("PDF report"), "*.pdf", "application/pdf", XA_EXPORT_FORMAT_PDF);
  add_filter (chooser, _("PNG image for slides (1920 × 1080)"), "*.png", "image/png",
              XA_EXPORT_FORMAT_CSV);
  pdf = g_list_model_get_item (gtk_file_chooser_get_filters (chooser), 0);
  gtk_file_chooser_set_filter (chooser, pdf);
  open_chooser (self, job, name);
}

/* The save dialog for @job (taken), named after the page and the day. */
static void
choose_file (XaViewExport *self,
             Job          *job)
{
  /* The day as the records and the exported dates count days: in UTC+8. */
  g_autofree char *date = xa_calendar_format_date (job->now);
  g_autofree char *name = NULL;
  const char *start, *title;
  GtkFileChooser *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (job->dashboard)
    {
      choose_report_file (self, job, date);
      return;
    }
  switch (job->kind)
    {
    case XA_EXPORT_COMPOUNDS:
      /* Translators: the start of an exported file's suggested name, as in
       * "compounds-2026-12-06.xlsx"; keep it short, without spaces. */
      start = C_("file name", "compounds");
      title = _("Export Compounds");
      break;
    case XA_EXPORT_ELEVATORS:
      /* Translators: the start of an exported file's suggested name, as in
       * "elevators-2026-12-06.xlsx"; keep it short, without spaces. */
      start = C_("file name", "elevators");
      title = _("Export Elevators");
      break;
    case XA_EXPORT_PROBLEMS:
    default:
      start = C_("file name", "problems");
      title = _("Export Problems");
      break;
    }
  name = g_strdup_printf ("%s-%s.xlsx", start, date);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self->window),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  add_filter (chooser, _("Excel workbook (XLSX)"), "*.xlsx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              XA_EXPORT_FORMAT_XLSX);
  add_filter (chooser, _("CSV (comma-separated values)"), "*.csv", "text/csv",
              XA_EXPORT_FORMAT_CSV);
  add_filter (chooser, _("PDF"), "*.pdf", "application/pdf", XA_EXPORT_FORMAT_PDF);
  open_chooser (self, job, name);
}

/* Shows the save dialog made in self->chooser for @job (taken), in the last folder, with
 * the name @name suggested. */
static void
open_chooser (XaViewExport *self,
              Job          *job,
              const char   *name)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (self->chooser);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->last_folder == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
        self->last_folder = g_file_new_for_path (documents);
    }
  if (self->last_folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, self->last_folder, NULL);
  gtk_file_chooser_set_current_name (chooser, name);
  g_object_set_data_full (G_OBJECT (self->chooser), "job", job, (GDestroyNotify) job_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- Print ---- */

typedef struct
{
  XaExportTable *table;
  XaExportPages *pages;
} Printing;

static void
printing_free (Printing *printing)
{
  g_clear_pointer (&printing->pages, xa_export_pages_free);
  g_clear_pointer (&printing->table, xa_export_table_free);
  g_free (printing);
}

/* The pages are laid out on the paper chosen in the dialog, margins and all: with the
 * whole page to draw on, "Print to File" gives the pages of a PDF export. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Printing          *printing)
{
  g_clear_pointer (&printing->pages, xa_export_pages_free);
  printing->pages = xa_export_pages_new (printing->table, gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, xa_export_pages_get_n_pages (printing->pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Printing          *printing)
{
  xa_export_pages_draw (printing->pages, gtk_print_context_get_cairo_context (context),
                        (guint) page);
}

/* The print dialog's printing ended (printed, cancelled or failed); the operation's last
 * reference goes. */
static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               XaViewExport            *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->window != NULL)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error (self, _("Could Not Print"), error, NULL);
    }
  g_object_unref (operation);
}

static void
print_table (XaViewExport  *self,
             XaExportTable *table,
             const char    *print_to)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  Printing *printing = g_new0 (Printing, 1);
  GtkPrintOperationResult result;

  printing->table = table;
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, xa_export_table_get_title (table));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), printing);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), printing);
  g_object_set_data_full (G_OBJECT (operation), "printing", printing,
                          (GDestroyNotify) printing_free);

  if (print_to != NULL)
    {
      gtk_print_operation_set_export_filename (operation, print_to);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        GTK_WINDOW (self->window), &error);
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
        show_error (self, _("Could Not Print"), error, NULL);
      return;
    }
  /* The dialog does not block the window; "done" says how it ended, errors included. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  gtk_print_operation_run (g_object_ref (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (self->window), NULL);
}

static void
print_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  XaViewExport *self = XA_VIEW_EXPORT (source);
  Job *job = finished_job (self, result, _("Could Not Print"), FALSE);

  if (job == NULL)
    return;
  print_table (self, g_steal_pointer (&job->table), job->print_to);
}

/* ---- The actions ---- */

static void
update_actions (XaViewExport *self)
{
  const char *page;
  gboolean enabled, dashboard;

  if (self->window == NULL || self->main_stack == NULL || self->view_stack == NULL)
    return;
  page = adw_view_stack_get_visible_child_name (self->view_stack);
  enabled = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "records") == 0
            && (g_strcmp0 (page, "elevators") == 0 || g_strcmp0 (page, "problems") == 0
                || compound_list_shown (self));
  /* The Dashboard exports its report; it prints nothing (its PDF report prints). */
  dashboard = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "records") == 0
              && g_strcmp0 (page, "summary") == 0 && !compound_list_shown (self);
  for (guint i = 0; xa_view_export_actions[i][0] != NULL; i++)
    {
      const char *action = xa_view_export_actions[i][0];

      if (g_str_equal (action, "win.open-export"))
        continue;
      gtk_widget_action_set_enabled (self->window, action,
                                     enabled || (dashboard && g_str_has_prefix (action,
                                                                                "win.export")));
    }
}

void
xa_view_export_activate (XaViewExport *self,
                         const char   *action_name,
                         GVariant     *parameter,
                         const char   *district_or_NULL)
{
  Job *job;

  g_return_if_fail (XA_IS_VIEW_EXPORT (self));
  g_return_if_fail (action_name != NULL);

  if (self->window == NULL)
    return;
  if (g_str_equal (action_name, "win.open-export"))
    {
      gtk_show_uri (GTK_WINDOW (self->window), g_variant_get_string (parameter, NULL),
                    GDK_CURRENT_TIME);
      return;
    }

  job = job_new (self, district_or_NULL);
  if (job == NULL)
    return;
  if (job->dashboard && g_str_has_prefix (action_name, "win.print"))
    {
      job_free (job);
      return;
    }
  if (g_str_equal (action_name, "win.export"))
    choose_file (self, job);
  else if (g_str_equal (action_name, "win.export-to"))
    export_to (self, job, g_variant_get_string (parameter, NULL), XA_EXPORT_FORMAT_XLSX);
  else
    {
      if (g_str_equal (action_name, "win.print-to"))
        job->print_to = g_variant_dup_string (parameter, NULL);
      run_job (self, job, print_read_cb);
    }
}

/* The window and its widgets go (its dispose): an export still running in a thread ends
 * without them. */
static void
forget_window (XaViewExport *self)
{
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->main_stack);
  g_clear_weak_pointer (&self->view_stack);
  g_clear_weak_pointer (&self->elevator_list);
  g_clear_weak_pointer (&self->problem_ledger);
  g_clear_weak_pointer (&self->compound_list);
}

XaViewExport *
xa_view_export_new (GtkWidget       *window,
                    GtkStack        *main_stack,
                    AdwViewStack    *view_stack,
                    XaElevatorList  *elevator_list,
                    XaProblemLedger *problem_ledger,
                    XaCompoundList  *compound_list,
                    GSettings       *settings)
{
  XaViewExport *self;

  g_return_val_if_fail (XA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (GTK_IS_STACK (main_stack), NULL);
  g_return_val_if_fail (ADW_IS_VIEW_STACK (view_stack), NULL);
  g_return_val_if_fail (XA_IS_ELEVATOR_LIST (elevator_list), NULL);
  g_return_val_if_fail (XA_IS_PROBLEM_LEDGER (problem_ledger), NULL);
  g_return_val_if_fail (XA_IS_COMPOUND_LIST (compound_list), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (XA_TYPE_VIEW_EXPORT, NULL);
  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->main_stack, main_stack);
  g_set_weak_pointer (&self->view_stack, view_stack);
  g_set_weak_pointer (&self->elevator_list, elevator_list);
  g_set_weak_pointer (&self->problem_ledger, problem_ledger);
  g_set_weak_pointer (&self->compound_list, compound_list);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (main_stack, "notify::visible-child", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view_stack, "notify::visible-child", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (compound_list, "notify::visible", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "destroy", G_CALLBACK (forget_window), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  return self;
}

static void
xa_view_export_dispose (GObject *object)
{
  XaViewExport *self = XA_VIEW_EXPORT (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  forget_window (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->last_folder);

  G_OBJECT_CLASS (xa_view_export_parent_class)->dispose (object);
}

static void
xa_view_export_class_init (XaViewExportClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xa_view_export_dispose;
}

static void
xa_view_export_init (XaViewExport *self)
{
}
