/* xa-keyring.c — see xa-keyring.h. Every call goes through libsecret's shared
 * SecretService, so the app and the command line see the same items as Seahorse does.
 * Secrets are copied out of SecretValue only at the edge and are never logged; failures
 * are reported by kind and server only. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "xa-keyring.h"
#include "xa-web-address.h"

G_DEFINE_QUARK (xa-keyring-error-quark, xa_keyring_error)

/* Our own schema, so our items are never confused with another program's. */
static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.xiaoquatlas.XiaoquAtlas.Secret", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0,
  };

  return &schema;
}

static const char *
kind_attribute (XaSecretKind kind)
{
  switch (kind)
    {
    case XA_SECRET_ACCESS_TOKEN:
      return "access-token";
    case XA_SECRET_TIANDITU_KEY:
      return "tianditu-key";
    default:
      g_assert_not_reached ();
    }
}

char *
xa_keyring_normalize_server (const char *server_url)
{
  g_return_val_if_fail (server_url != NULL, NULL);

  return xa_web_address_normalize (server_url);
}

static GHashTable *
build_attributes (XaSecretKind  kind,
                  const char   *server_url)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (kind_attribute (kind)));
  if (kind == XA_SECRET_ACCESS_TOKEN)
    g_hash_table_insert (attributes, (gpointer) "server", xa_keyring_normalize_server (server_url));
  return attributes;
}

/* Turns a libsecret or D-Bus failure into one of ours whose message says what to do.
 * A cancellation stays a cancellation. */
static GError *
keyring_error_new (const GError *cause,
                   XaSecretKind  kind)
{
  g_autoptr(GError) copy = NULL;
  const char *detail;
  XaKeyringError code = XA_KEYRING_ERROR_UNAVAILABLE;

  if (cause != NULL && g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (cause);

  if (cause != NULL)
    {
      copy = g_error_copy (cause);
      g_dbus_error_strip_remote_error (copy);
      detail = copy->message;
      /* The service is there and unlocked but said no; everything else (no bus, nobody
       * owning org.freedesktop.secrets, a locked keyring, no default keyring) means
       * there is no usable keyring. */
      if (cause->domain == SECRET_ERROR
          && cause->code != SECRET_ERROR_IS_LOCKED
          && cause->code != SECRET_ERROR_NO_SUCH_OBJECT)
        code = XA_KEYRING_ERROR_FAILED;
    }
  else
    detail = _("the keyring stayed locked");

  /* The detail comes last: it is for whoever administers the desktop, not the reader. */
  if (code == XA_KEYRING_ERROR_FAILED)
    return g_error_new (XA_KEYRING_ERROR, code,
                        kind == XA_SECRET_ACCESS_TOKEN
                        /* Translators: %s is a technical detail from the keyring. */
                        ? _("The keyring refused to keep the access token. Try again; until then "
                            "the token is kept only until Xiaoqu Atlas quits. (Details: %s)")
                        : _("The keyring refused to keep the Tianditu key. Try again; until then "
                            "the key is kept only until Xiaoqu Atlas quits. (Details: %s)"),
                        detail);

  return g_error_new (XA_KEYRING_ERROR, code,
                      kind == XA_SECRET_ACCESS_TOKEN
                      /* Translators: %s is a technical detail from D-Bus or the keyring. */
                      ? _("No keyring is available to keep the access token. Install and start "
                          "GNOME Keyring or another Secret Service, and unlock it; until then the "
                          "token is kept only until Xiaoqu Atlas quits. (Details: %s)")
                      : _("No keyring is available to keep the Tianditu key. Install and start "
                          "GNOME Keyring or another Secret Service, and unlock it; until then the "
                          "key is kept only until Xiaoqu Atlas quits. (Details: %s)"),
                      detail);
}

/* What store, lookup and clear do once they have the shared SecretService. */
typedef void (*ServiceStep) (SecretService *service,
                             GTask         *task);

typedef struct
{
  XaSecretKind          kind;
  XaKeyringLookupFlags  flags;
  GHashTable           *attributes;
  char                 *label;
  SecretValue          *value;
  ServiceStep           with_service;
} Operation;

static void
operation_free (Operation *op)
{
  g_clear_pointer (&op->attributes, g_hash_table_unref);
  g_clear_pointer (&op->label, g_free);
  g_clear_pointer (&op->value, secret_value_unref);
  g_free (op);
}

static GTask *
operation_task_new (XaSecretKind          kind,
                    const char           *server_url,
                    ServiceStep           with_service,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data,
                    gpointer              source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Operation *op = g_new0 (Operation, 1);

  g_task_set_source_tag (task, source_tag);
  op->kind = kind;
  op->attributes = build_attributes (kind, server_url);
  op->with_service = with_service;
  g_task_set_task_data (task, op, (GDestroyNotify) operation_free);
  return task;
}

static void
return_keyring_error (GTask        *task,
                      const GError *cause)
{
  Operation *op = g_task_get_task_data (task);

  g_task_return_error (task, keyring_error_new (cause, op->kind));
}

/* Store and clear end the same way: done, or a failure said in our words. */
static void
return_done_or_error (GTask        *task,
                      const GError *error)
{
  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
operation_finish_boolean (GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
got_service_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);
  Operation *op = g_task_get_task_data (task);

  if (service == NULL)
    return_keyring_error (task, error);
  else
    op->with_service (service, g_steal_pointer (&task));
}

/* Every operation starts here; the task's step goes on once the service is there. */
static void
get_service (GTask *task)
{
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, g_task_get_cancellable (task), got_service_cb,
                      task);
}

/* Store */

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE always comes with an error here. */
  secret_service_store_finish (SECRET_SERVICE (source), result, &error);
  return_done_or_error (task, error);
}

static void
store_with_service (SecretService *service,
                    GTask         *task)
{
  Operation *op = g_task_get_task_data (task);

  secret_service_store (service, get_schema (), op->attributes, SECRET_COLLECTION_DEFAULT,
                        op->label, op->value, g_task_get_cancellable (task), store_done_cb, task);
}

void
xa_keyring_store (XaSecretKind         kind,
                  const char          *server_url,
                  const char          *secret,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *server = NULL;
  Operation *op;

  g_return_if_fail (kind == XA_SECRET_TIANDITU_KEY || server_url != NULL);
  g_return_if_fail (secret != NULL && *secret != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_task_new (kind, server_url, store_with_service, cancellable, callback,
                             user_data, xa_keyring_store);
  op = g_task_get_task_data (task);
  op->value = secret_value_new (secret, -1, "text/plain");
  if (kind == XA_SECRET_ACCESS_TOKEN)
    {
      server = xa_keyring_normalize_server (server_url);
      /* Translators: the name of the item in the keyring (e.g. in Seahorse); %s is the
       * records server's address. */
      op->label = g_strdup_printf (_("Xiaoqu Atlas access token for %s"), server);
    }
  else
    op->label = g_strdup (_("Xiaoqu Atlas Tianditu key"));

  get_service (g_steal_pointer (&task));
}

gboolean
xa_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return operation_finish_boolean (result, xa_keyring_store, error);
}

/* Lookup */

static void
return_secret (GTask       *task,
               SecretValue *value)
{
  const char *text = value != NULL ? secret_value_get_text (value) : NULL;

  g_task_return_pointer (task, g_strdup (text), g_free);
}

/* Tells "nothing kept" from "kept, but in a locked keyring" with the Secret Service's own
 * SearchItems, which lists locked items without unlocking them. */
static void
locked_search_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, &error);
  g_autoptr(GVariant) locked = NULL;

  if (reply == NULL)
    {
      return_keyring_error (task, error);
      return;
    }
  locked = g_variant_get_child_value (reply, 1);
  if (g_variant_n_children (locked) > 0)
    return_keyring_error (task, NULL);
  else
    return_secret (task, NULL);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  Operation *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  SecretValue *found = NULL;
  GVariantBuilder attributes;
  GHashTableIter iter;
  gpointer key, value;

  if (error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  for (GList *l = items; l != NULL && found == NULL; l = l->next)
    if (!secret_item_get_locked (l->data))
      found = secret_item_get_secret (l->data);
  g_list_free_full (items, g_object_unref);

  if (found != NULL)
    {
      return_secret (task, found);
      secret_value_unref (found);
      return;
    }

  g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&attributes, "{ss}", "xdg:schema", get_schema ()->name);
  g_hash_table_iter_init (&iter, op->attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&attributes, "{ss}", key, value);
  g_dbus_proxy_call (G_DBUS_PROXY (source), "SearchItems", g_variant_new ("(a{ss})", &attributes),
                     G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, cancellable, locked_search_done_cb,
                     g_steal_pointer (&task));
}

static void
lookup_with_service (SecretService *service,
                     GTask         *task)
{
  Operation *op = g_task_get_task_data (task);
  SecretSearchFlags flags = SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS;

  /* Without SECRET_SEARCH_UNLOCK nothing is unlocked, so nothing prompts. A search rather
   * than secret_service_lookup(): with libsecret 0.20.5 that one leaks a D-Bus reply for
   * every secret found (LeakSanitizer in tests/test-keyring). */
  if (!(op->flags & XA_KEYRING_LOOKUP_NO_PROMPT))
    flags |= SECRET_SEARCH_UNLOCK;
  secret_service_search (service, get_schema (), op->attributes, flags,
                         g_task_get_cancellable (task), search_done_cb, task);
}

static void
name_has_owner_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                             &error);
  gboolean has_owner = FALSE;

  if (reply == NULL)
    {
      return_keyring_error (task, error);
      return;
    }
  g_variant_get (reply, "(b)", &has_owner);
  if (!has_owner)
    {
      g_autoptr(GError) none = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER,
                                                    _("no Secret Service is running"));

      return_keyring_error (task, none);
      return;
    }
  get_service (g_steal_pointer (&task));
}

static void
got_bus_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (bus == NULL)
    {
      return_keyring_error (task, error);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", "org.freedesktop.secrets"),
                          G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          name_has_owner_cb, g_steal_pointer (&task));
}

void
xa_keyring_lookup (XaSecretKind          kind,
                   const char           *server_url,
                   XaKeyringLookupFlags  flags,
                   GCancellable         *cancellable,
                   GAsyncReadyCallback   callback,
                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Operation *op;

  g_return_if_fail (kind == XA_SECRET_TIANDITU_KEY || server_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_task_new (kind, server_url, lookup_with_service, cancellable, callback,
                             user_data, xa_keyring_lookup);
  op = g_task_get_task_data (task);
  op->flags = flags;
  /* Without a prompt, a Secret Service that is not running yet is not started either: it
   * could only offer a locked keyring, and a daemon started for a cron job outlives it. */
  if (flags & XA_KEYRING_LOOKUP_NO_PROMPT)
    g_bus_get (G_BUS_TYPE_SESSION, cancellable, got_bus_cb, g_steal_pointer (&task));
  else
    get_service (g_steal_pointer (&task));
}

char *
xa_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == xa_keyring_lookup, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GAsyncResult *result;
} SyncState;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncState *state = user_data;

  state->result = g_object_ref (result);
}

static gboolean
sync_timeout_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

char *
xa_keyring_lookup_sync (XaSecretKind          kind,
                        const char           *server_url,
                        XaKeyringLookupFlags  flags,
                        guint                 timeout_seconds,
                        GError              **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GError) local_error = NULL;
  SyncState state = { NULL };
  char *secret;

  g_return_val_if_fail (kind == XA_SECRET_TIANDITU_KEY || server_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The thread's own context, not a private one: libsecret's proxies keep listening on the
   * context they were made in, and a private context would be left with their messages. */
  if (timeout_seconds > 0)
    {
      timeout = g_timeout_source_new_seconds (timeout_seconds);
      g_source_set_callback (timeout, sync_timeout_cb, cancellable, NULL);
      g_source_attach (timeout, context);
    }
  xa_keyring_lookup (kind, server_url, flags, cancellable, sync_done_cb, &state);
  while (state.result == NULL)
    g_main_context_iteration (context, TRUE);
  if (timeout != NULL)
    g_source_destroy (timeout);

  secret = xa_keyring_lookup_finish (state.result, &local_error);
  g_object_unref (state.result);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GError) timed_out = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                                 _("the keyring did not answer within %u s"),
                                                 timeout_seconds);

      g_clear_error (&local_error);
      local_error = keyring_error_new (timed_out, kind);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return secret;
}

/* Clear */

static void
clear_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error only means that nothing was kept. */
  secret_service_clear_finish (SECRET_SERVICE (source), result, &error);
  return_done_or_error (task, error);
}

static void
clear_with_service (SecretService *service,
                    GTask         *task)
{
  Operation *op = g_task_get_task_data (task);

  secret_service_clear (service, get_schema (), op->attributes, g_task_get_cancellable (task),
                        clear_done_cb, task);
}

void
xa_keyring_clear (XaSecretKind         kind,
                  const char          *server_url,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (kind == XA_SECRET_TIANDITU_KEY || server_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_task_new (kind, server_url, clear_with_service, cancellable, callback,
                             user_data, xa_keyring_clear);
  get_service (g_steal_pointer (&task));
}

gboolean
xa_keyring_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  return operation_finish_boolean (result, xa_keyring_clear, error);
}
