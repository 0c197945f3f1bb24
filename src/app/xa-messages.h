/* xa-messages.h — one wording for every sync failure, shared by the window and the
 * command line: what went wrong, then what the user can do about it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  XA_REMEDY_RETRY,          /* try again (later) */
  XA_REMEDY_CONNECT,        /* enter another address or token */
} XaRemedy;

/* "What failed" in one sentence, naming @server_url / @store_path where it helps. */
char *xa_sync_error_describe (const GError *error,
                              const char   *server_url,
                              const char   *store_path);
/* "What to do", worded for the window or for the command line. */
char *xa_sync_error_advice   (const GError *error,
                              gboolean      command_line,
                              XaRemedy     *out_remedy);

/* "What failed" and "what to do" joined the way the language joins sentences. */
char *xa_sync_error_message  (const GError *error,
                              const char   *server_url,
                              const char   *store_path,
                              gboolean      command_line,
                              XaRemedy     *out_remedy);

G_END_DECLS
