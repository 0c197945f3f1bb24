/* xa-sync-push-private.h — the first step of a sync: the outbox's pending edits POSTed to the
 * server's update paths, oldest first (src/records-api.md, "Updates"). Internal to the sync
 * client, which runs it on its worker thread with the sync's own store connection. */
#pragma once

#include <gio/gio.h>

#include "xa-store-edits.h"
#include "xa-sync-client.h"

G_BEGIN_DECLS

/* Pushes every pending entry of @store to @server_url once, counting the answers in
 * @result. 200 removes the entry, 409 and 422 keep it in state conflict or rejected with
 * what the server said. A network error, a timeout or a 5xx stops the push: that entry and
 * those after it stay pending (counted in @result->unpushed) for the next sync, and TRUE is
 * returned so the pull can still go on. FALSE with @error only on 401/403
 * (XA_SYNC_ERROR_UNAUTHORIZED), a cancel or a store that cannot be written. */
gboolean _xa_sync_push (XaStore       *store,
                        const char    *server_url,
                        const char    *token,
                        guint          timeout_seconds,
                        GCancellable  *cancellable,
                        XaSyncResult  *result,
                        GError       **error);

G_END_DECLS
