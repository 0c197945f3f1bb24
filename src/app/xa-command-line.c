/* xa-command-line.c — see xa-command-line.h. Output is one line so it reads well in a
 * cron mail or a systemd journal. Without --token the token saved in the keyring for the
 * server is used; the keyring is never asked to unlock, since nobody may be there to
 * answer. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "xa-command-line.h"
#include "xa-dashboard-report.h"
#include "xa-export-file.h"
#include "xa-format.h"
#include "xa-basemap.h"
#include "xa-keyring.h"
#include "xa-meeting-pack.h"
#include "xa-messages.h"
#include "xa-priority-settings.h"
#include "xa-store.h"
#include "xa-sync-client.h"

/* A Secret Service that hangs must not hold up a cron job for long. */
#define KEYRING_TIMEOUT_SECONDS 10

/* A damaged store goes aside, whole, so the next run starts a new one. */
static void
report_damage (const char   *store_path,
               const GError *error)
{
  g_autofree char *aside = xa_store_aside_path (store_path, "damaged");
  g_autoptr(GError) move_error = NULL;

  if (xa_store_move_aside (store_path, aside, &move_error))
    g_printerr (_("xiaoqu-atlas: The records file %s is damaged (%s). It was moved to %s and "
                  "kept there; nothing was deleted. Run the same command again to sync every "
                  "record into a new file.\n"),
                store_path, error->message, aside);
  else
    g_printerr (_("xiaoqu-atlas: The records file %s is damaged (%s), and it could not be moved "
                  "aside (%s). Move it away yourself, then run the same command again to sync "
                  "every record into a new file.\n"),
                store_path, error->message, move_error->message);
}

/* The store is another server's: say whose, and the two ways on. */
static void
report_other_server (const char *store_path,
                     const char *server_url)
{
  g_autoptr(XaStore) store = xa_store_open (store_path, NULL);
  g_autofree char *owner = store != NULL ? xa_store_dup_server (store) : NULL;

  g_printerr (_("xiaoqu-atlas: The records file %s holds the records of the server at %s, not "
                "of %s, so nothing was synced. To replace them, run the same command with "
                "--replace-store: the file is kept beside it under a new name. To keep both, "
                "give another file with --store.\n"),
              store_path, owner != NULL ? owner : "?", server_url);
}

int
xa_command_line_sync_only (const char *server_url,
                           const char *token,
                           const char *store_path,
                           gboolean    replace_store)
{
  g_autoptr(XaSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_dir = NULL;
  g_autofree char *records = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *saved_token = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *notes = NULL;
  XaSyncResult result = { 0 };

  g_return_val_if_fail (server_url != NULL, XA_EXIT_USAGE);
  g_return_val_if_fail (store_path != NULL, XA_EXIT_USAGE);

  store_dir = g_path_get_dirname (store_path);
  if (g_mkdir_with_parents (store_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_printerr (_("xiaoqu-atlas: cannot create the folder %s for the records file: %s: "
                    "choose another file with --store.\n"),
                  store_dir, g_strerror (saved_errno));
      return XA_EXIT_SYNC_FAILED;
    }

  /* Without a keyring the sync goes on without a token: many servers need none. */
  if (token == NULL)
    {
      saved_token = xa_keyring_lookup_sync (XA_SECRET_ACCESS_TOKEN, server_url,
                                            XA_KEYRING_LOOKUP_NO_PROMPT, KEYRING_TIMEOUT_SECONDS,
                                            &keyring_error);
      token = saved_token;
    }

  client = xa_sync_client_new (server_url, token != NULL ? token : "");
  if (replace_store)
    {
      aside = xa_store_aside_path (store_path, "bak");
      xa_sync_client_set_replace_store (client, aside);
    }
  if (!xa_sync_client_sync (client, store_path, NULL, &result, &error))
    {
      if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
        {
          report_damage (store_path, error);
          return XA_EXIT_SYNC_FAILED;
        }
      if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER))
        {
          report_other_server (store_path, server_url);
          return XA_EXIT_SYNC_FAILED;
        }

      g_autofree char *message = xa_sync_error_message (error, server_url, store_path, TRUE, NULL);

      g_printerr ("xiaoqu-atlas: %s\n", message);
      if (g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED))
        {
          if (keyring_error != NULL)
            g_printerr (_("xiaoqu-atlas: no token was given with --token, and none could be read "
                          "from the keyring: %s\n"), keyring_error->message);
          else if (saved_token != NULL)
            g_printerr (_("xiaoqu-atlas: the token saved in the keyring for %s was not accepted: "
                          "save a new one in Xiaoqu Atlas’s preferences or pass --token.\n"),
                        server_url);
        }
      return g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_URL)
             ? XA_EXIT_USAGE : XA_EXIT_SYNC_FAILED;
    }

  records = xa_format_count ((gint64) result.records);
  deleted = xa_format_count ((gint64) result.deleted);
  if (result.store_replaced)
    /* Translators: ends the summary of `xiaoqu-atlas --sync-only --replace-store`; %s is
     * the file the previous records were moved to. */
    kept = g_strdup_printf (_("; the previous records were kept in %s"), aside);
  /* Translators: the summary of `xiaoqu-atlas --sync-only`. %u pages, %s records,
   * %s deletions, %.1f seconds, then the server address and the records file. */
  notes = g_strconcat (result.full_resync ? _(" (full resync)") : "", kept != NULL ? kept : "",
                       NULL);
  g_print (_("Synced %u pages, %s records, %s deletions in %.1f s from %s into %s%s\n"),
           result.pages, records, deleted, result.seconds, server_url, store_path, notes);
  if (result.pushed + result.conflicts + result.rejected + result.unpushed > 0)
    /* Translators: the second line of `xiaoqu-atlas --sync-only` when local edits were
     * sent before the sync: how many the server accepted, answered with a conflict (it
     * changed the record first), rejected, and how many wait for the next sync. */
    g_print (_("Edits sent to the server: %u accepted, %u in conflict, %u rejected, "
               "%u left for the next sync\n"),
             result.pushed, result.conflicts, result.rejected, result.unpushed);
  return XA_EXIT_OK;
}

/* The app's settings when its schema is installed; NULL otherwise (a script run from the
 * build tree), when the defaults apply. */
static GSettings *
app_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID,
                                            TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/* The user's priority weights, as the Elevators page scores with them. */
static XaPriorityParams
priority_params (void)
{
  g_autoptr(GSettings) settings = app_settings ();
  XaPriorityParams params = xa_priority_params_default ();

  if (settings != NULL)
    xa_priority_params_from_settings (settings, &params);
  return params;
}

/* --export dashboard: the Dashboard's report, with the flood season and the assessment
 * interval of the settings, as the window's Dashboard shows them. */
static int
export_dashboard (const char *store_path,
                  const char *district_code,
                  const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = app_settings ();
  int season = settings != NULL ? g_settings_get_int (settings, "flood-season") : 0;
  int reassessment = settings != NULL ? g_settings_get_int (settings, "reassessment-interval")
                                      : XA_ELEVATOR_REASSESSMENT_DEFAULT;

  if (!xa_dashboard_report_export_file (store_path, district_code, output,
                                        g_get_real_time () / G_USEC_PER_SEC, season,
                                        reassessment, XA_DASHBOARD_MEASURE_OPEN_PROBLEMS,
                                        &error))
    {
      g_printerr ("xiaoqu-atlas: %s\n", error->message);
      if (g_error_matches (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_UNKNOWN_FORMAT))
        return XA_EXIT_USAGE;
      return XA_EXIT_EXPORT_FAILED;
    }
  /* Translators: the summary of `xiaoqu-atlas --export dashboard`; %s is the output file. */
  g_print (_("Exported the dashboard to %s\n"), output);
  return XA_EXIT_OK;
}

int
xa_command_line_export (const char *store_path,
                        const char *table_name,
                        const char *district_code,
                        const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  guint n_rows = 0;
  XaPriorityParams params = priority_params ();

  g_return_val_if_fail (store_path != NULL, XA_EXIT_USAGE);
  g_return_val_if_fail (table_name != NULL, XA_EXIT_USAGE);
  g_return_val_if_fail (output != NULL, XA_EXIT_USAGE);

  if (g_str_equal (table_name, "dashboard"))
    return export_dashboard (store_path, district_code, output);
  if (!xa_export_file (store_path, table_name, district_code, output,
                       g_get_real_time () / G_USEC_PER_SEC, &params, &n_rows, &error))
    {
      g_printerr ("xiaoqu-atlas: %s\n", error->message);
      if (g_error_matches (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_UNKNOWN_TABLE)
          || g_error_matches (error, XA_EXPORT_ERROR, XA_EXPORT_ERROR_UNKNOWN_FORMAT))
        return XA_EXIT_USAGE;
      return XA_EXIT_EXPORT_FAILED;
    }

  rows = xa_format_count ((gint64) n_rows);
  /* Translators: the summary of `xiaoqu-atlas --export`: the number of rows, the table's
   * name as typed on the command line, the output file. */
  g_print (ngettext ("Exported %s row of %s to %s\n", "Exported %s rows of %s to %s\n", n_rows),
           rows, table_name, output);
  return XA_EXIT_OK;
}

int
xa_command_line_export_pack (const char *store_path,
                             const char *agenda,
                             const char *output)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mbtiles_path = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *labels_cache_dir = NULL;
  g_autofree char *attribution = NULL;
  XaMeetingPackSummary summary = { 0 };
  XaMeetingPackTiles tiles = { NULL, NULL, NULL, NULL, NULL };
  char *end = NULL;
  gint64 agenda_id;

  g_return_val_if_fail (store_path != NULL, XA_EXIT_USAGE);
  g_return_val_if_fail (output != NULL, XA_EXIT_USAGE);

  agenda_id = agenda != NULL ? g_ascii_strtoll (agenda, &end, 10) : 0;
  if (agenda == NULL || end == agenda || *end != '\0' || agenda_id <= 0)
    {
      g_printerr (_("xiaoqu-atlas: --export pack needs --agenda ID, the number of a saved "
                    "agenda.\n"));
      return XA_EXIT_USAGE;
    }

  /* The basemap the user chose, when the settings schema is installed. */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID,
                                            TRUE);
  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);

      xa_basemap_pack_sources (settings, &mbtiles_path, &cache_dir, &labels_cache_dir,
                               &attribution);
      tiles.mbtiles_path = mbtiles_path;
      tiles.cache_dir = cache_dir;
      tiles.attribution = attribution;
      tiles.labels_cache_dir = labels_cache_dir;
      tiles.compose = xa_basemap_compose_tiles;
    }

  if (!xa_meeting_pack_write (store_path, agenda_id, &tiles, output, &summary, &error))
    {
      g_printerr ("xiaoqu-atlas: %s\n", error->message);
      return XA_EXIT_EXPORT_FAILED;
    }
  /* Translators: the summary of `xiaoqu-atlas --export pack`: compounds, the file, then
   * the map tiles found on this machine and the tiles the pack would hold at most. */
  g_print (ngettext ("Wrote a meeting pack of %u compound to %s, with %u of %u map tiles\n",
                     "Wrote a meeting pack of %u compounds to %s, with %u of %u map tiles\n",
                     summary.compounds),
           summary.compounds, output, summary.tiles_found, summary.tiles_wanted);
  return XA_EXIT_OK;
}
