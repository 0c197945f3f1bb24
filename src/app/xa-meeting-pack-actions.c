/* xa-meeting-pack-actions.c — see xa-meeting-pack-actions.h. Writing a pack reads the whole
 * agenda's records and copies tiles, and importing one takes a transaction on the bureau's
 * store: both run in a thread on connections of their own. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-basemap.h"
#include "xa-meeting-pack-actions.h"
#include "xa-meeting-pack.h"
#include "xa-message-dialogs.h"
#include "xa-store-agendas.h"

typedef struct
{
  gboolean              import;   /* decisions brought back; else a pack written */
  char                 *store_path;
  char                 *pack_path;
  gint64                agenda_id;
  char                 *mbtiles_path;
  char                 *cache_dir;
  char                 *labels_cache_dir;
  char                 *attribution;
  XaMeetingPackSummary  summary;
  guint                 imported;
  guint                 skipped;
  guint                 gone;     /* decisions on records the server deleted since */
} PackJob;

static void
pack_job_free (PackJob *job)
{
  g_free (job->store_path);
  g_free (job->pack_path);
  g_free (job->mbtiles_path);
  g_free (job->cache_dir);
  g_free (job->labels_cache_dir);
  g_free (job->attribution);
  g_free (job);
}

static char *
dup_store_path (XaWindow *window)
{
  char *path = NULL;

  g_object_get (window, "store-path", &path, NULL);
  return path;
}

static void
show_error (XaWindow     *window,
            const char   *heading,
            const GError *error)
{
  gtk_window_present (GTK_WINDOW (xa_message_dialog_new_error (GTK_WINDOW (window), heading,
                                                               error->message)));
}

static void
add_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Xiaoqu Atlas meeting pack"));
  gtk_file_filter_add_pattern (filter, "*" XA_MEETING_PACK_SUFFIX);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* ---- the work, in a thread ----------------------------------------------------------- */

/* Writes the pack, or imports its decisions: each job on connections of its own. */
static void
pack_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PackJob *job = task_data;
  XaMeetingPackTiles tiles = { job->mbtiles_path, job->cache_dir, job->attribution,
                               job->labels_cache_dir, xa_basemap_compose_tiles };
  GError *error = NULL;
  gboolean ok;

  if (job->import)
    ok = xa_meeting_pack_import (job->pack_path, job->store_path, &job->imported,
                                 &job->skipped, &job->gone, &error);
  else
    ok = xa_meeting_pack_write (job->store_path, job->agenda_id, &tiles, job->pack_path,
                                &job->summary, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
export_text (PackJob *job)
{
  g_autofree char *name = g_filename_display_basename (job->pack_path);

  /* Translators: %s the file, %u the compounds, then the tiles found of those wanted */
  return g_strdup_printf (ngettext ("Saved %s: %u compound, %u of %u map tiles",
                                    "Saved %s: %u compounds, %u of %u map tiles",
                                    job->summary.compounds),
                          name, job->summary.compounds, job->summary.tiles_found,
                          job->summary.tiles_wanted);
}

static char *
import_text (PackJob *job)
{
  g_autofree char *brought = NULL;
  g_autofree char *gone = NULL;

  if (job->imported > 0)
    brought = g_strdup_printf (ngettext ("%u decision of the meeting brought back: it is sent "
                                         "at the next sync",
                                         "%u decisions of the meeting brought back: they are "
                                         "sent at the next sync",
                                         job->imported),
                               job->imported);
  else if (job->gone == 0)
    brought = g_strdup (_("The meeting pack has no new decisions: they were brought back "
                          "before"));
  if (job->gone == 0)
    return g_steal_pointer (&brought);
  gone = g_strdup_printf (ngettext ("%u decision was left out: its problem was deleted on the "
                                    "server since the meeting",
                                    "%u decisions were left out: their problems were deleted "
                                    "on the server since the meeting",
                                    job->gone),
                          job->gone);
  if (brought == NULL)
    return g_steal_pointer (&gone);
  /* Translators: two sentences of a toast, "N decisions brought back…" and "N left out…" */
  return g_strdup_printf (_("%s. %s"), brought, gone);
}

static void
pack_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  XaWindow *window = XA_WINDOW (source);
  PackJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (window, job->import ? _("Could Not Bring the Decisions Back")
                                      : _("Could Not Export the Meeting Pack"), error);
      return;
    }
  text = job->import ? import_text (job) : export_text (job);
  xa_window_add_toast (window, adw_toast_new (text));
  /* The import wrote the records' rows through a connection of its own. */
  if (job->import)
    xa_window_reload_records (window);
}

/* Runs @job (taken) in a thread; pack_done_cb() tells the outcome in @window. */
static void
run_pack_job (XaWindow *window,
              PackJob  *job)
{
  g_autoptr(GTask) task = g_task_new (window, NULL, pack_done_cb, NULL);

  g_task_set_source_tag (task, run_pack_job);
  g_task_set_task_data (task, job, (GDestroyNotify) pack_job_free);
  g_task_run_in_thread (task, pack_thread);
}

/* ---- export --------------------------------------------------------------------------- */

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  XaWindow *window = XA_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GSettings) settings = NULL;
  PackJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || !g_file_is_native (file))
    return;

  settings = g_settings_new (APP_ID);
  job = g_new0 (PackJob, 1);
  job->store_path = dup_store_path (window);
  job->pack_path = g_file_get_path (file);
  if (!g_str_has_suffix (job->pack_path, XA_MEETING_PACK_SUFFIX))
    {
      char *named = g_strconcat (job->pack_path, XA_MEETING_PACK_SUFFIX, NULL);

      g_free (job->pack_path);
      job->pack_path = named;
    }
  job->agenda_id = g_settings_get_int64 (settings, "current-agenda");
  xa_basemap_pack_sources (settings, &job->mbtiles_path, &job->cache_dir,
                           &job->labels_cache_dir, &job->attribution);

  run_pack_job (window, job);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XaWindow *window = XA_WINDOW (widget);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *store_path = dup_store_path (window);
  g_autoptr(XaStore) store = NULL;
  g_autoptr(XaAgenda) agenda = NULL;
  g_autofree char *name = NULL;
  gint64 agenda_id = g_settings_get_int64 (settings, "current-agenda");
  GtkFileChooserNative *chooser;

  if (agenda_id > 0 && (store = xa_store_open (store_path, NULL)) != NULL)
    agenda = xa_store_load_agenda (store, agenda_id, NULL);
  if (agenda == NULL)
    {
      xa_window_add_toast (window, adw_toast_new (_("Open an agenda first: a meeting pack "
                                                    "carries the current agenda")));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Meeting Pack"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser));
  name = g_strconcat (xa_agenda_get_name (agenda), XA_MEETING_PACK_SUFFIX, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- import --------------------------------------------------------------------------- */

void
xa_meeting_pack_import_async (XaWindow   *window,
                              const char *pack_path,
                              const char *store_path)
{
  PackJob *job;

  g_return_if_fail (XA_IS_WINDOW (window));

  job = g_new0 (PackJob, 1);
  job->import = TRUE;
  job->pack_path = g_strdup (pack_path);
  job->store_path = g_strdup (store_path);
  run_pack_job (window, job);
}

/* ---- open and import: choosing the pack ----------------------------------------------- */

static void
choose_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  XaWindow *window = XA_WINDOW (user_data);
  gboolean import = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "import"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  if (import)
    {
      g_autofree char *pack_path = g_file_get_path (file);
      g_autofree char *store_path = dup_store_path (window);

      if (pack_path != NULL)
        xa_meeting_pack_import_async (window, pack_path, store_path);
    }
  else
    g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))),
                        &file, 1, "");
}

static void
choose_pack (XaWindow   *window,
             const char *title,
             const char *accept,
             gboolean    import)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (chooser), "import", GINT_TO_POINTER (import));
  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_pack (XA_WINDOW (widget), _("Open Meeting Pack"), _("_Open"), FALSE);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_pack (XA_WINDOW (widget), _("Import Decisions of a Meeting Pack"), _("_Import"),
               TRUE);
}

void
xa_meeting_pack_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-meeting-pack", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-meeting-pack", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import-decisions", NULL, import_action);
}
