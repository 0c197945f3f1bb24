/* test-view-export.c — Export… and Print… of a real window's Elevators and Problems pages on
 * the demo city synced from a real xiaoqu-server: with filters set and another sort, the
 * CSV and XLSX files (read back with Python's csv module and openpyxl) hold exactly the rows
 * the page shows, in its order; a printout to a PDF file (GtkPrintOperation's export, as
 * "Print to File") carries the title and the filters, read with pdftotext, on the very
 * pages of a PDF export; the priority column holds the scores shown; an export that
 * cannot be written shows an error dialog that offers to save elsewhere, and leaves no
 * file behind. The list of compounds beside the map, opened from a legend row, exports and
 * prints the same way (its compounds in its order, its measure, its heading in the
 * printout); without the list, the map page has nothing to export. Screenshots of the menu,
 * the toast, the dialog and the printed pages. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "xa-compound-list-item.h"
#include "xa-elevator-list-private.h"
#include "xa-elevator-row.h"
#include "xa-export-table.h"
#include "xa-map-view-private.h"
#include "xa-overlay-style.h"
#include "xa-test-ui.h"
#include "xa-test-util.h"
#include "xa-test-window.h"

static XaApplication *app;
/* Where the exports go: xa_test_path() ends names with a counter, not an extension. */
static char *export_dir;

/* @name in the exports' folder. */
static char *
export_path (const char *name)
{
  if (export_dir == NULL)
    {
      export_dir = xa_test_path ("exports");
      g_assert_cmpint (g_mkdir (export_dir, 0755), ==, 0);
    }
  return g_build_filename (export_dir, name, NULL);
}

/* Prints the number of data rows of a CSV or XLSX export, then the cell of the key column
 * of each row, one a line. */
static const char reader_script[] =
  "import sys\n"
  "kind, path, column = sys.argv[1], sys.argv[2], int(sys.argv[3])\n"
  "if kind == 'csv':\n"
  "    import csv\n"
  "    with open(path, encoding='utf-8-sig', newline='') as f:\n"
  "        rows = list(csv.reader(f))\n"
  "else:\n"
  "    import openpyxl\n"
  "    sheet = openpyxl.load_workbook(path, read_only=True).active\n"
  "    rows = [['' if c is None else str(c) for c in r]"
  " for r in sheet.iter_rows(values_only=True)]\n"
  "print(len(rows) - 1)\n"
  "for row in rows[1:]:\n"
  "    print(row[column])\n";

/* What @argv writes on its standard output; asserts it succeeds. */
static char *
run_output (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *errors = NULL;
  char *text = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                     | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &text, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s", argv[0], errors);
  return text;
}

/* Runs the window action @action with the string @target, if any. */
static void
activate (XaWindow   *window,
          const char *action,
          const char *target)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action,
                                             target != NULL ? "s" : NULL, target));
}

/* Exports the page on screen to @name (its extension chooses the format) and checks that
 * the file holds @keys, the key column @column of the rows shown, in their order. */
static void
export_and_compare (XaWindow   *window,
                    const char *name,
                    guint       column,
                    GPtrArray  *keys)
{
  g_autofree char *path = export_path (name);
  g_autofree char *column_text = g_strdup_printf ("%u", column);
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;

  activate (window, "win.export-to", path);
  g_assert_true (xa_test_ui_spin_until (xa_test_ui_file_exists, path, 60));
  output = run_output ((const char * const[]) { "/usr/bin/python3", "-c", reader_script,
                                                g_str_has_suffix (name, ".csv") ? "csv" : "xlsx",
                                                path, column_text, NULL });
  lines = g_strsplit (output, "\n", -1);
  g_assert_cmpint (g_ascii_strtoll (lines[0], NULL, 10), ==, keys->len);
  for (guint i = 0; i < keys->len; i++)
    g_assert_cmpstr (lines[i + 1], ==, keys->pdata[i]);
}

/* What the tests compare with a column of the export, one text per row shown. */
typedef enum
{
  REGISTRATION_CODES,   /* of the lifts */
  SCORES,               /* the lifts' priority scores, as the export writes them */
  TICKETS,              /* of the problems */
} Shown;

static GPtrArray *
shown_texts (GListModel *shown,
             Shown       what)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);
      const XaLedgerItem *problem = what == TICKETS ? XA_LEDGER_ITEM (item) : NULL;
      const XaElevatorRowData *lift = what != TICKETS
                                      ? xa_elevator_row_get_data (XA_ELEVATOR_ROW (item)) : NULL;

      if (what == REGISTRATION_CODES)
        g_ptr_array_add (texts, g_strdup (lift->registration_code));
      else if (what == SCORES)
        g_ptr_array_add (texts, g_strdup_printf ("%d", lift->priority.score));
      else
        g_ptr_array_add (texts, g_strdup (problem->ticket_no != NULL ? problem->ticket_no : ""));
    }
  return texts;
}

/* Sorts @view by its column @index, @order. */
static void
sort_by (GtkColumnView *view,
         guint          index,
         GtkSortType    order)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (view), index);

  gtk_column_view_sort_by_column (view, column, order);
}

/* The first GtkMenuButton under @widget with a menu (the window's main menu), or NULL. */
static GtkMenuButton *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget)
      && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The main menu, open, as a picture named @name. */
static void
screenshot_menu (XaWindow   *window,
                 const char *name)
{
  GtkMenuButton *menu_button = find_menu_button (GTK_WIDGET (window));

  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (menu_button);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)),
                              name);
  gtk_menu_button_popdown (menu_button);
}

static void
test_elevators (XaWindow *window)
{
  XaElevatorList *list = _xa_window_get_elevator_list (window);
  GtkDropDown *age = _xa_elevator_list_child (list, GtkDropDown, "age_dropdown");
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) scores = NULL;
  g_autofree char *on_map = export_path ("from-the-map.csv");
  guint total;

  /* On the map there are no rows to export: the actions are off. */
  _xa_window_show_view (window, "map");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to", "s", on_map);
  xa_test_ui_spin (500);
  g_assert_false (g_file_test (on_map, G_FILE_TEST_EXISTS));

  _xa_window_show_view (window, "elevators");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  total = g_list_model_get_n_items (_xa_elevator_list_get_rows (list));
  /* 20 years or more (scored lifts), and the compound's name (column 2) Z to A rather than
   * the priority. */
  gtk_drop_down_set_selected (age, 3);
  sort_by (_xa_elevator_list_get_column_view (list), 2, GTK_SORT_DESCENDING);
  codes = shown_texts (_xa_elevator_list_get_shown (list), REGISTRATION_CODES);
  g_test_message ("elevators shown: %u of %u", codes->len, total);
  g_assert_cmpuint (codes->len, >, 0);
  g_assert_cmpuint (codes->len, <, total);

  screenshot_menu (window, "export-menu");
  export_and_compare (window, "elevators.csv", 4, codes);
  export_and_compare (window, "elevators.xlsx", 4, codes);
  /* The priority column (18) holds the scores the page shows. */
  scores = shown_texts (_xa_elevator_list_get_shown (list), SCORES);
  export_and_compare (window, "elevators-priority.csv", 18, scores);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "export-toast");
}

/* The first page of the PDF @pdf as a picture @name, beside the screenshots. */
static void
save_page_picture (const char *pdf,
                   const char *name)
{
  const char *shots = g_getenv ("XA_SCREENSHOT_DIR");
  g_autofree char *png = g_strdup_printf ("%s/%s-%s",
                                          shots != NULL && *shots != '\0' ? shots
                                          : xa_test_tmpdir (),
                                          name, xa_test_ui_language_tag ());

  g_free (run_output ((const char * const[]) { "pdftoppm", "-png", "-r", "80", "-f", "1",
                                               "-l", "1", "-singlefile", pdf, png, NULL }));
}

/* The first page of the PDF @pdf as text. */
static char *
first_page_text (const char *pdf)
{
  return run_output ((const char * const[]) { "pdftotext", "-enc", "UTF-8", "-l", "1", pdf,
                                              "-", NULL });
}

/* Prints the page on screen to @pdf; returns its first page as text. */
static char *
print_first_page (XaWindow   *window,
                  const char *pdf)
{
  activate (window, "win.print-to", pdf);
  g_assert_true (xa_test_ui_spin_until (xa_test_ui_file_exists, (gpointer) pdf, 60));
  return first_page_text (pdf);
}

static void
test_problems (XaWindow *window)
{
  XaProblemLedger *ledger = _xa_window_get_problem_ledger (window);
  GtkToggleButton *overdue = GTK_TOGGLE_BUTTON (_xa_problem_ledger_get_filter (ledger,
                                                                              "overdue"));
  g_autoptr(GPtrArray) tickets = NULL;
  g_autofree char *pdf = export_path ("problems-printed.pdf");
  g_autofree char *exported = export_path ("problems.pdf");
  g_autofree char *text = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autofree char *label = NULL;
  guint total;

  _xa_window_show_view (window, "problems");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  total = _xa_problem_ledger_get_total (ledger);
  gtk_toggle_button_set_active (overdue, TRUE);
  /* The deadline (column 8), latest first. */
  sort_by (_xa_problem_ledger_get_column_view (ledger), 8, GTK_SORT_DESCENDING);
  tickets = shown_texts (_xa_problem_ledger_get_shown (ledger), TICKETS);
  g_test_message ("problems shown: %u of %u", tickets->len, total);
  g_assert_cmpuint (tickets->len, >, 1);
  g_assert_cmpuint (tickets->len, <, total);

  export_and_compare (window, "problems.csv", 0, tickets);
  export_and_compare (window, "problems.xlsx", 0, tickets);

  /* Printed to a file: the title, the district and the filter on top. */
  text = print_first_page (window, pdf);
  g_assert_nonnull (strstr (text, C_("export table", "Problems")));
  g_assert_nonnull (strstr (text, _("All districts")));
  /* The toggle's label without its mnemonic: "_Overdue", "已超期(_O)". */
  label = g_strdup (gtk_button_get_label (GTK_BUTTON (overdue)));
  {
    char *to = label;

    for (const char *from = label; *from != '\0'; from++)
      if (from[0] == '(' && from[1] == '_' && from[2] != '\0' && from[3] == ')')
        from += 3;
      else if (*from != '_')
        *to++ = *from;
    *to = '\0';
  }
  g_assert_null (strchr (label, '('));
  g_test_message ("filter in the printout: %s", label);
  g_assert_nonnull (strstr (text, label));

  /* "Print to File" and a PDF export give the same pages. */
  activate (window, "win.export-to", exported);
  g_assert_true (xa_test_ui_spin_until (xa_test_ui_file_exists, exported, 60));
  /* Every page, laid out as drawn (the plain text's order follows tiny differences in
   * where a run of text starts). */
  printed_text = run_output ((const char * const[]) { "pdftotext", "-enc", "UTF-8", "-layout",
                                                      pdf, "-", NULL });
  exported_text = run_output ((const char * const[]) { "pdftotext", "-enc", "UTF-8", "-layout",
                                                       exported, "-", NULL });
  g_assert_cmpstr (printed_text, ==, exported_text);
  save_page_picture (pdf, "export-page");
}

/* GTK's print dialog, if one shows: by its type's name, which gtkunixprint.h (a package of
 * its own) would give. */
static GtkWindow *
find_print_dialog (void)
{
  GType type = g_type_from_name ("GtkPrintUnixDialog");

  return type != 0 ? xa_test_find_toplevel (type) : NULL;
}

static gboolean
print_dialog_shown (gpointer user_data)
{
  return find_print_dialog () != NULL;
}

/* Print… opens the print dialog without blocking the window; cancelled, nothing is left. */
static void
test_print_dialog (XaWindow *window)
{
  GtkWindow *dialog;

  activate (window, "win.print", NULL);
  g_assert_true (xa_test_ui_spin_until (print_dialog_shown, NULL, 60));
  dialog = find_print_dialog ();
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "print-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  xa_test_ui_spin (300);
  g_assert_null (find_print_dialog ());
}

static gboolean
dialog_shown (gpointer user_data)
{
  return xa_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
chooser_shown (gpointer user_data)
{
  return xa_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* A folder nothing may be created in (/proc, even for root): an error dialog that says
 * where, no file left behind, and Save Elsewhere… opens the save dialog. */
static void
test_unwritable (XaWindow *window)
{
  const char *path = "/proc/xa-view-export.csv";
  g_autoptr(GDir) dir = NULL;
  GtkWindow *dialog;
  GtkWindow *chooser;
  const char *entry;
  char *name;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *elsewhere = NULL;

  activate (window, "win.export-to", path);
  g_assert_true (xa_test_ui_spin_until (dialog_shown, NULL, 60));
  dialog = xa_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), path));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "elsewhere"));
  xa_test_ui_save_screenshot (GTK_WIDGET (dialog), "export-error");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open ("/proc", 0, NULL);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (entry, ".xa-view-export.csv"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "elsewhere");
  g_assert_true (xa_test_ui_spin_until (chooser_shown, NULL, 10));
  chooser = xa_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (name, ".xlsx"));
  xa_test_ui_save_screenshot (GTK_WIDGET (chooser), "export-save-dialog");

  /* Saved elsewhere, a folder that may be written to: the export is there. */
  folder = g_file_new_for_path (export_dir);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      NULL));
  elsewhere = g_build_filename (export_dir, name, NULL);
  g_free (name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (xa_test_ui_spin_until (xa_test_ui_file_exists, elsewhere, 60));
}

/* The ids, names and measures of the compounds the list shows, in its order. */
static void
shown_compounds (XaCompoundList *list,
                 GPtrArray      *ids,
                 GPtrArray      *names,
                 GPtrArray      *measures)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (
    gtk_widget_get_template_child (GTK_WIDGET (list), XA_TYPE_COMPOUND_LIST, "column_view"));
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(XaCompoundListItem) item = g_list_model_get_item (shown, i);

      g_ptr_array_add (ids, g_strdup (xa_compound_list_item_get_id (item)));
      g_ptr_array_add (names, g_strdup (xa_compound_list_item_get_name (item)));
      g_ptr_array_add (measures, g_strdup (xa_compound_list_item_get_measure_text (item)));
    }
}

/* Export… and Print… of the list of compounds a legend row opens; on the map without the
 * list, nothing. */
static void
test_compound_list (XaWindow *window)
{
  XaMapView *map = _xa_window_get_map_view (window);
  XaCompoundList *list = _xa_map_view_get_compound_list (map);
  GtkColumnView *view = GTK_COLUMN_VIEW (
    gtk_widget_get_template_child (GTK_WIDGET (list), XA_TYPE_COMPOUND_LIST, "column_view"));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pdf = export_path ("compounds-printed.pdf");
  g_autofree char *closed = export_path ("compounds-closed.csv");
  g_autofree char *closed_pdf = export_path ("compounds-closed.pdf");
  g_autofree char *text = NULL;

  _xa_window_show_view (window, "map");
  gtk_widget_activate_action (GTK_WIDGET (map), "map.overlay", "s", "problems");
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));

  /* The legend's "Some overdue" row opens the list; its names Z to A rather than the
   * worst first. */
  g_signal_emit_by_name (_xa_map_view_get_legend (map), "band-activated",
                         (guint) XA_PROBLEM_BAND_OVERDUE);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  sort_by (view, 0, GTK_SORT_DESCENDING);
  shown_compounds (list, ids, names, measures);
  g_test_message ("compounds listed: %u (%s)", ids->len, xa_compound_list_get_title (list));
  g_assert_cmpuint (ids->len, >, 1);
  g_assert_cmpuint (ids->len, ==, xa_compound_list_get_n_items (list));
  g_assert_cmpint (g_utf8_collate (names->pdata[0], names->pdata[ids->len - 1]), >, 0);

  xa_test_ui_wait_frames (GTK_WIDGET (window), 3);
  xa_test_ui_save_screenshot (GTK_WIDGET (window), "export-compound-list");
  screenshot_menu (window, "export-menu-compounds");
  export_and_compare (window, "compounds.csv", 1, names);
  export_and_compare (window, "compounds.xlsx", 1, names);
  export_and_compare (window, "compounds-ids.xlsx", 0, ids);
  /* The list's measure ("overdue / open") after the table's twelve columns. */
  export_and_compare (window, "compounds-measure.csv", 12, measures);

  /* Printed: the table's title and the list's heading on top. */
  text = print_first_page (window, pdf);
  g_assert_nonnull (strstr (text, C_("export table", "Compounds")));
  g_assert_nonnull (strstr (text, xa_compound_list_get_heading (list)));
  g_assert_nonnull (strstr (text, names->pdata[0]));
  save_page_picture (pdf, "export-compounds-page");

  /* The list closed, the map page has nothing to export or print. */
  gtk_widget_activate_action (GTK_WIDGET (list), "compound-list.close", NULL);
  xa_test_ui_wait_frames (GTK_WIDGET (window), 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to", "s", closed);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print-to", "s", closed_pdf);
  xa_test_ui_spin (500);
  g_assert_false (g_file_test (closed, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (closed_pdf, G_FILE_TEST_EXISTS));
}

static void
test_view_export (void)
{
  g_autofree char *store_path = xa_test_sync_demo ("view-export.db", NULL, NULL);
  XaWindow *window = xa_test_window_open (app, store_path);

  test_elevators (window);
  test_problems (window);
  test_print_dialog (window);
  test_unwritable (window);
  test_compound_list (window);
  xa_test_window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret = xa_test_window_main (&argc, &argv, &app, "/view-export/pages", test_view_export);

  g_free (export_dir);
  return ret;
}
