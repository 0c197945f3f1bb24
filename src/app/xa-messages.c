/* xa-messages.c — see xa-messages.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-demo-server.h"
#include "xa-messages.h"
#include "xa-store.h"
#include "xa-sync-client.h"

char *
xa_sync_error_describe (const GError *error,
                        const char   *server_url,
                        const char   *store_path)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (server_url == NULL)
    server_url = "";

  /* The client's own message is English and already carries advice, so the common cases
   * get a translated sentence of their own; the detail is kept where it names something
   * an administrator needs (an HTTP status, a record). */
  if (error->domain == XA_SYNC_ERROR)
    switch ((XaSyncError) error->code)
      {
      case XA_SYNC_ERROR_UNAUTHORIZED:
        return g_strdup_printf (_("The records server at %s did not accept the access token."),
                                server_url);
      case XA_SYNC_ERROR_NETWORK:
        return g_strdup_printf (_("Could not reach the records server at %s."), server_url);
      case XA_SYNC_ERROR_TIMEOUT:
        return g_strdup_printf (_("The records server at %s stopped answering."), server_url);
      case XA_SYNC_ERROR_BAD_URL:
        return g_strdup_printf (_("“%s” is not a records server address."), server_url);
      case XA_SYNC_ERROR_SERVER:
        return g_strdup_printf (_("The records server at %s reported a problem (%s)."),
                                server_url, error->message);
      case XA_SYNC_ERROR_BAD_PAGE:
        return g_strdup_printf (_("The records server sent records that failed validation, "
                                  "so nothing of that page was stored (%s)."),
                                error->message);
      default:
        break;
      }

  if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
    return g_strdup_printf (_("The local records file %s is damaged (%s)."),
                            store_path != NULL ? store_path : "", error->message);
  if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER))
    return g_strdup_printf (_("The local records file %s holds the records of another records "
                              "server, not of %s."),
                            store_path != NULL ? store_path : "", server_url);
  if (error->domain == XA_STORE_ERROR)
    return g_strdup_printf (_("Could not use the local records file %s (%s)."),
                            store_path != NULL ? store_path : "", error->message);

  if (error->domain == XA_DEMO_SERVER_ERROR)
    return g_strdup (error->message);

  return g_strdup_printf (_("Syncing with %s failed (%s)."), server_url, error->message);
}

char *
xa_sync_error_advice (const GError *error,
                      gboolean      command_line,
                      XaRemedy     *out_remedy)
{
  XaRemedy remedy = XA_REMEDY_RETRY;
  const char *advice;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED))
    {
      remedy = XA_REMEDY_CONNECT;
      advice = command_line
        ? _("Ask the server’s administrator for a valid token and pass it with --token.")
        : _("Enter the token the server’s administrator gave you.");
    }
  else if (g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_URL))
    {
      remedy = XA_REMEDY_CONNECT;
      advice = command_line
        ? _("Pass an address starting with http:// or https:// with --server.")
        : _("Enter an address starting with http:// or https://.");
    }
  else if (g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_NETWORK))
    advice = _("Check the network connection and the server address, then try again.");
  else if (g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_TIMEOUT))
    advice = _("Try again later; the records already synced are kept.");
  else if (g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_SERVER)
           || g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE))
    advice = _("Try again later. If it happens again, tell the server’s administrator; "
               "the records already synced are kept.");
  else if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
    advice = command_line
      ? _("Move the file aside and run the same command again to sync every record into a new "
          "file.")
      : _("Sync again to download every record into a new file.");
  else if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER))
    {
      remedy = XA_REMEDY_CONNECT;
      advice = command_line
        ? _("Run the same command with --replace-store to keep the file aside and start a new "
            "one, or give another file with --store.")
        : _("Connect to the server the records came from, or sync again and choose to replace "
            "them.");
    }
  else if (error->domain == XA_STORE_ERROR)
    advice = _("Check that the disk is not full and the file is not read-only, then try again.");
  else if (g_error_matches (error, XA_DEMO_SERVER_ERROR, XA_DEMO_SERVER_ERROR_NOT_FOUND))
    advice = _("Reinstall Xiaoqu Atlas, or sync with your bureau’s records server instead.");
  else
    advice = _("Try again.");

  if (out_remedy != NULL)
    *out_remedy = remedy;
  return g_strdup (advice);
}

char *
xa_sync_error_message (const GError *error,
                       const char   *server_url,
                       const char   *store_path,
                       gboolean      command_line,
                       XaRemedy     *out_remedy)
{
  g_autofree char *what = xa_sync_error_describe (error, server_url, store_path);
  g_autofree char *advice = xa_sync_error_advice (error, command_line, out_remedy);

  /* Translators: joins two sentences: what went wrong, then what to do. Languages that
   * write no space between sentences leave it out. */
  return g_strdup_printf (_("%s %s"), what, advice);
}
