/* xa-command-line.c — see xa-command-line.h. Output is one line so it reads well in a
 * cron mail or a systemd journal. Without --token the token saved in the keyring for the
 * server is used; the keyring is never asked to unlock, since nobody may be there to
 * answer. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "xa-command-line.h"
#include "xa-format.h"
#include "xa-keyring.h"
#include "xa-messages.h"
#include "xa-sync-client.h"

/* A Secret Service that hangs must not hold up a cron job for long. */
#define KEYRING_TIMEOUT_SECONDS 10

int
xa_command_line_sync_only (const char *server_url,
                           const char *token,
                           const char *store_path)
{
  g_autoptr(XaSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_dir = NULL;
  g_autofree char *records = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *saved_token = NULL;
  g_autoptr(GError) keyring_error = NULL;
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
  if (!xa_sync_client_sync (client, store_path, NULL, &result, &error))
    {
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
  /* Translators: the summary of `xiaoqu-atlas --sync-only`. %u pages, %s records,
   * %s deletions, %.1f seconds, then the server address and the records file. */
  g_print (_("Synced %u pages, %s records, %s deletions in %.1f s from %s into %s%s\n"),
           result.pages, records, deleted, result.seconds, server_url, store_path,
           result.full_resync ? _(" (full resync)") : "");
  return XA_EXIT_OK;
}
