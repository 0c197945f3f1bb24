/* xa-command-line.h — what `xiaoqu-atlas --sync-only` and `--export` do: one blocking sync
 * or export, a one-line summary on stdout, a message that says what to do on stderr. No
 * display needed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of the command line. */
enum
{
  XA_EXIT_OK = 0,
  XA_EXIT_SYNC_FAILED = 1,
  XA_EXIT_USAGE = 2,
  XA_EXIT_EXPORT_FAILED = 3,
};

/* Syncs from @server_url into @store_path and returns the process exit code. A store of
 * another server is refused unless @replace_store, which keeps it aside under a new name
 * first. A damaged store is moved aside, and the message says what to run next. */
int xa_command_line_sync_only (const char *server_url,
                               const char *token,
                               const char *store_path,
                               gboolean    replace_store);

/* Exports @table_name of the store at @store_path (only @district_code's records unless
 * NULL) to @output, the format following its extension; a one-line summary on stdout, or
 * a message on stderr and XA_EXIT_EXPORT_FAILED (XA_EXIT_USAGE for an unknown table or
 * extension). Opens no display. */
int xa_command_line_export (const char *store_path,
                            const char *table_name,
                            const char *district_code,
                            const char *output);

/* Writes agenda @agenda (its number, as text) of the store at @store_path to the meeting
 * pack @output, with the tiles of the chosen basemap found on this machine; a summary on
 * stdout that says how many tiles were found of those wanted. Opens no display. */
int xa_command_line_export_pack (const char *store_path,
                                 const char *agenda,
                                 const char *output);

G_END_DECLS
