/* xa-command-line.h — what `xiaoqu-atlas --sync-only` does: one blocking sync, a one-line
 * summary on stdout, a message that says what to do on stderr. No display needed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of the command line. */
enum
{
  XA_EXIT_OK = 0,
  XA_EXIT_SYNC_FAILED = 1,
  XA_EXIT_USAGE = 2,
};

/* Syncs from @server_url into @store_path and returns the process exit code. A store of
 * another server is refused unless @replace_store, which keeps it aside under a new name
 * first. A damaged store is moved aside, and the message says what to run next. */
int xa_command_line_sync_only (const char *server_url,
                               const char *token,
                               const char *store_path,
                               gboolean    replace_store);

G_END_DECLS
