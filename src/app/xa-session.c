/* xa-session.c — see xa-session.h. The session owns no store connection: each view opens
 * its own and is told when to let go ("release-store") or to read again
 * ("records-changed"). Syncs run on the sync client's worker thread. The demo city brings
 * its own server and token: the keyring, the address setting and Preferences leave them
 * alone. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "xa-keyring.h"
#include "xa-session.h"
#include "xa-store.h"
#include "xa-web-address.h"

struct _XaSession
{
  GObject         parent_instance;

  XaApplication  *application;
  GSettings      *settings;
  char           *store_path;
  char           *server_url;
  char           *token;
  gboolean        demo;
  XaSessionState  state;
  GError         *error;

  XaSyncClient   *sync_client;
  GCancellable   *sync_cancellable;
  /* Set while a token lookup runs. */
  GCancellable   *lookup_cancellable;
  GCancellable   *keyring_cancellable;
  /* A token arrived while a sync to the previous address was still stopping. */
  gboolean        sync_when_done;
  XaDemoServer   *started_demo;
  /* The user chose to replace a store of another server: the next sync keeps it here. */
  char           *replace_aside_path;

  guint           auto_sync_interval;
  guint           auto_sync_id;
  gboolean        shut_down;
};

G_DEFINE_FINAL_TYPE (XaSession, xa_session, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (XaSessionState, xa_session_state,
  G_DEFINE_ENUM_VALUE (XA_SESSION_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (XA_SESSION_STATE_LOOKING_UP_TOKEN, "looking-up-token"),
  G_DEFINE_ENUM_VALUE (XA_SESSION_STATE_STARTING_DEMO, "starting-demo"),
  G_DEFINE_ENUM_VALUE (XA_SESSION_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (XA_SESSION_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_STORE_PATH,
  PROP_SERVER_URL,
  PROP_DEMO,
  PROP_AUTO_SYNC_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROGRESS,
  FINISHED,
  RELEASE_STORE,
  RECORDS_CHANGED,
  KEYRING_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void lookup_token (XaSession *self);

static void
set_state (XaSession      *self,
           XaSessionState  state,
           const GError   *error)
{
  if (error != NULL || state == XA_SESSION_STATE_SYNCING
      || state == XA_SESSION_STATE_STARTING_DEMO)
    {
      g_clear_error (&self->error);
      self->error = error != NULL ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Once a sync or a demo start is over: a token lookup still under way shows, else how it
 * ended. */
static void
settle (XaSession    *self,
        const GError *error)
{
  if (self->lookup_cancellable != NULL)
    set_state (self, XA_SESSION_STATE_LOOKING_UP_TOKEN, error);
  else
    set_state (self, error != NULL ? XA_SESSION_STATE_FAILED : XA_SESSION_STATE_IDLE, error);
}

static void
set_store_path (XaSession  *self,
                const char *store_path)
{
  if (g_strcmp0 (self->store_path, store_path) == 0)
    return;
  g_free (self->store_path);
  self->store_path = g_strdup (store_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_PATH]);
}

static void
set_demo (XaSession *self,
          gboolean   demo)
{
  if (self->demo == demo)
    return;
  self->demo = demo;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

/* Stops a pending token lookup; its answer is not wanted any more. */
static void
cancel_token_lookup (XaSession *self)
{
  if (self->lookup_cancellable == NULL)
    return;
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  if (self->state == XA_SESSION_STATE_LOOKING_UP_TOKEN)
    set_state (self, XA_SESSION_STATE_IDLE, NULL);
}

static void
sync_progress_cb (XaSyncClient *client,
                  guint64       records,
                  guint         pages,
                  XaSession    *self)
{
  g_signal_emit (self, signals[PROGRESS], 0, records, pages);
}

static void switch_to_demo (XaSession *self);

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XaSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XaSyncClient) client = XA_SYNC_CLIENT (g_object_ref (source));
  XaSyncResult sync_result = { 0 };
  gboolean ok;

  ok = xa_sync_client_sync_finish (client, result, &sync_result, &error);

  g_signal_handlers_disconnect_by_data (client, self);
  if (self->shut_down)
    return;
  if (self->sync_client == client)
    g_clear_object (&self->sync_client);
  g_clear_object (&self->sync_cancellable);
  /* The sync was cancelled for the demo; the demo's own sync follows. */
  if (self->state == XA_SESSION_STATE_STARTING_DEMO)
    {
      if (self->started_demo != NULL)
        switch_to_demo (self);
      return;
    }

  settle (self, ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? NULL : error);
  g_signal_emit (self, signals[FINISHED], 0, ok ? &sync_result : NULL, error);
  g_clear_pointer (&self->replace_aside_path, g_free);
  /* A damaged store went aside and its page stays until the user syncs again. */
  if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
    self->sync_when_done = FALSE;
  if (self->sync_when_done)
    {
      self->sync_when_done = FALSE;
      if (self->server_url != NULL && self->token != NULL)
        xa_session_sync (self);
    }
}

static gboolean
auto_sync_cb (gpointer user_data)
{
  XaSession *self = user_data;

  /* Only when a server and token are known: an automatic sync must never ask for them. */
  if (self->sync_client == NULL && self->state != XA_SESSION_STATE_STARTING_DEMO
      && self->server_url != NULL && self->token != NULL)
    xa_session_sync (self);
  return G_SOURCE_CONTINUE;
}

static void
schedule_auto_sync (XaSession *self)
{
  g_clear_handle_id (&self->auto_sync_id, g_source_remove);
  if (self->auto_sync_interval > 0 && !self->shut_down)
    self->auto_sync_id = g_timeout_add_seconds (self->auto_sync_interval, auto_sync_cb, self);
}

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XaSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (xa_keyring_store_finish (result, &error) || self->shut_down
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_signal_emit (self, signals[KEYRING_FAILED], 0, TRUE, error);
}

/* Keeps @token for @url in the desktop keyring, never in settings or logs. */
static void
remember_token (XaSession  *self,
                const char *url,
                const char *token)
{
  if (token == NULL || *token == '\0')
    return;
  xa_keyring_store (XA_SECRET_ACCESS_TOKEN, url, token, self->keyring_cancellable,
                    token_stored_cb, g_object_ref (self));
}

typedef struct
{
  XaSession    *session;
  char         *url;
  GCancellable *cancellable;
} TokenLookup;

static void
saved_token_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TokenLookup *lookup = user_data;
  g_autoptr(XaSession) self = lookup->session;
  g_autofree char *url = lookup->url;
  g_autoptr(GCancellable) cancellable = lookup->cancellable;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = xa_keyring_lookup_finish (result, &error);

  g_free (lookup);
  if (self->shut_down || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || cancellable != self->lookup_cancellable)
    return;
  g_clear_object (&self->lookup_cancellable);
  if (self->state == XA_SESSION_STATE_LOOKING_UP_TOKEN)
    set_state (self, XA_SESSION_STATE_IDLE, NULL);
  /* The token of the server asked about goes to that server only: not to an address set
   * since, nor to the demo. */
  if (self->state == XA_SESSION_STATE_STARTING_DEMO || self->demo
      || g_strcmp0 (url, self->server_url) != 0)
    return;
  if (error != NULL)
    {
      /* Not fatal: the records on this computer still show; a sync will ask for the token. */
      g_signal_emit (self, signals[KEYRING_FAILED], 0, FALSE, error);
      return;
    }
  if (token == NULL || self->token != NULL)
    return;
  self->token = g_steal_pointer (&token);
  if (self->sync_client != NULL)
    self->sync_when_done = TRUE;
  else
    xa_session_sync (self);
}

/* Reads the token saved for the server in use, then syncs with it. */
static void
lookup_token (XaSession *self)
{
  TokenLookup *lookup = g_new0 (TokenLookup, 1);

  g_assert (self->server_url != NULL);
  cancel_token_lookup (self);
  self->lookup_cancellable = g_cancellable_new ();
  lookup->session = g_object_ref (self);
  lookup->url = g_strdup (self->server_url);
  lookup->cancellable = g_object_ref (self->lookup_cancellable);
  if (self->state != XA_SESSION_STATE_SYNCING && self->state != XA_SESSION_STATE_STARTING_DEMO)
    set_state (self, XA_SESSION_STATE_LOOKING_UP_TOKEN, NULL);
  xa_keyring_lookup (XA_SECRET_ACCESS_TOKEN, self->server_url, XA_KEYRING_LOOKUP_NONE,
                     self->lookup_cancellable, saved_token_cb, lookup);
}

/* A new (or emptied) address from Preferences is used at once, as the help says. */
static void
server_url_changed (XaSession *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "server-url");
  const char *url = *setting != '\0' ? setting : NULL;

  /* The demo keeps its own server; the address is used once the demo is left. */
  if (self->demo || self->state == XA_SESSION_STATE_STARTING_DEMO
      || g_strcmp0 (url, self->server_url) == 0)
    return;

  /* What a sync to the old address has received so far is kept. */
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  cancel_token_lookup (self);
  self->sync_when_done = FALSE;
  if (self->state == XA_SESSION_STATE_FAILED)
    set_state (self, XA_SESSION_STATE_IDLE, NULL);
  xa_session_set_server (self, url, NULL);
  g_signal_emit (self, signals[RECORDS_CHANGED], 0);
  if (url != NULL)
    lookup_token (self);
}

/* The demo store mirrors only the demo server running now. One filled from an earlier
 * demo at another address (its port was taken) is another server's store (see
 * xa_store_dup_server()), into which no sync goes; and laying today's city over it would
 * keep what today's city no longer has, such as last season's flood checks. It is only a
 * demo, in a file of its own: start it afresh. */
static void
forget_stale_demo_store (XaSession  *self,
                         const char *demo_store,
                         const char *user_store,
                         const char *url)
{
  g_autoptr(XaStore) store = NULL;
  g_autofree char *owner = NULL;
  const char * const suffixes[] = { "", "-wal", "-shm", ".resync" };

  /* Only ever the demo's own file: whatever the application calls its records file holds
   * a bureau's records, which nothing here may remove. */
  if (!g_file_test (demo_store, G_FILE_TEST_EXISTS) || g_strcmp0 (demo_store, user_store) == 0)
    return;
  store = xa_store_open (demo_store, NULL);
  if (store == NULL)
    return;
  owner = xa_store_dup_server (store);
  if (owner == NULL || xa_web_address_same (owner, url))
    return;

  /* Every connection closes before the files go. */
  g_clear_object (&store);
  if (g_strcmp0 (self->store_path, demo_store) == 0)
    g_signal_emit (self, signals[RELEASE_STORE], 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (demo_store, suffixes[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not remove the old demo records %s: %s", path, g_strerror (errno));
    }
}

/* The demo server is running and no sync is: the demo's store, server and token. */
static void
switch_to_demo (XaSession *self)
{
  g_autoptr(XaDemoServer) demo = g_steal_pointer (&self->started_demo);
  g_autofree char *demo_store = xa_application_dup_demo_store_path (self->application);

  set_state (self, XA_SESSION_STATE_IDLE, NULL);
  forget_stale_demo_store (self, demo_store, xa_application_get_store_path (self->application),
                           xa_demo_server_get_url (demo));
  set_store_path (self, demo_store);
  set_demo (self, TRUE);
  xa_session_set_server (self, xa_demo_server_get_url (demo), xa_demo_server_get_token (demo));
  g_signal_emit (self, signals[RECORDS_CHANGED], 0);
  xa_session_sync (self);
}

static void
demo_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XaSession) self = user_data;
  g_autoptr(GError) error = NULL;
  XaDemoServer *demo = XA_DEMO_SERVER (source);
  gboolean started = xa_demo_server_start_finish (demo, result, &error);

  if (self->shut_down)
    return;
  if (!started)
    {
      settle (self, error);
      g_signal_emit (self, signals[FINISHED], 0, NULL, error);
      /* Back to the real server: the token lookup the demo cancelled is needed again. */
      if (!self->demo && self->server_url != NULL && self->token == NULL)
        lookup_token (self);
      return;
    }

  self->started_demo = g_object_ref (demo);
  /* A sync cancelled for the demo may still be writing to its store: sync_done_cb()
   * switches once it has finished. */
  if (self->sync_client == NULL)
    switch_to_demo (self);
}

void
xa_session_set_application (XaSession     *self,
                            XaApplication *application)
{
  g_return_if_fail (XA_IS_SESSION (self));
  g_return_if_fail (application == NULL || XA_IS_APPLICATION (application));

  g_set_object (&self->application, application);
}

XaSessionState
xa_session_get_state (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), XA_SESSION_STATE_IDLE);

  return self->state;
}

const GError *
xa_session_get_error (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), NULL);

  return self->error;
}

const char *
xa_session_get_store_path (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), NULL);

  return self->store_path;
}

const char *
xa_session_get_server_url (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), NULL);

  return self->server_url;
}

const char *
xa_session_get_token (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), NULL);

  return self->token;
}

gboolean
xa_session_get_demo (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), FALSE);

  return self->demo;
}

guint
xa_session_get_auto_sync_interval (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), 0);

  return self->auto_sync_interval;
}

void
xa_session_set_auto_sync_interval (XaSession *self,
                                   guint      seconds)
{
  g_return_if_fail (XA_IS_SESSION (self));

  if (self->auto_sync_interval == seconds && self->auto_sync_id != 0)
    return;
  self->auto_sync_interval = seconds;
  schedule_auto_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_SYNC_INTERVAL]);
}

const char *
xa_session_get_replace_aside_path (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), NULL);

  return self->replace_aside_path;
}

void
xa_session_set_server (XaSession  *self,
                       const char *server_url,
                       const char *token)
{
  g_return_if_fail (XA_IS_SESSION (self));

  g_free (self->token);
  self->token = g_strdup (token);
  if (server_url != NULL && *server_url == '\0')
    server_url = NULL;
  if (g_strcmp0 (self->server_url, server_url) == 0)
    return;
  g_free (self->server_url);
  self->server_url = g_strdup (server_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

void
xa_session_start (XaSession *self)
{
  g_return_if_fail (XA_IS_SESSION (self));

  /* A server and token given on the command line (or in the environment) mean "sync"; a
   * server known from settings syncs once its token has been read from the keyring. */
  if (self->server_url != NULL && self->token != NULL)
    xa_session_sync (self);
  else if (self->server_url != NULL)
    lookup_token (self);
}

gboolean
xa_session_sync (XaSession *self)
{
  g_return_val_if_fail (XA_IS_SESSION (self), FALSE);

  if (self->sync_client != NULL || self->state == XA_SESSION_STATE_STARTING_DEMO)
    return TRUE;
  if (self->server_url == NULL)
    return FALSE;

  self->sync_client = xa_sync_client_new (self->server_url,
                                          self->token != NULL ? self->token : "");
  self->sync_cancellable = g_cancellable_new ();
  g_signal_connect (self->sync_client, "progress", G_CALLBACK (sync_progress_cb), self);
  /* Only once the user chose so: see xa_session_sync_replacing(). */
  if (self->replace_aside_path != NULL)
    xa_sync_client_set_replace_store (self->sync_client, self->replace_aside_path);
  set_state (self, XA_SESSION_STATE_SYNCING, NULL);
  xa_sync_client_sync_async (self->sync_client, self->store_path, self->sync_cancellable,
                             sync_done_cb, g_object_ref (self));
  return TRUE;
}

gboolean
xa_session_sync_replacing (XaSession  *self,
                           const char *aside_path)
{
  g_return_val_if_fail (XA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (aside_path != NULL, FALSE);

  g_free (self->replace_aside_path);
  self->replace_aside_path = g_strdup (aside_path);
  return xa_session_sync (self);
}

void
xa_session_cancel_sync (XaSession *self)
{
  g_return_if_fail (XA_IS_SESSION (self));

  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
}

void
xa_session_connect (XaSession  *self,
                    const char *server_url,
                    const char *token)
{
  g_return_if_fail (XA_IS_SESSION (self));
  g_return_if_fail (server_url != NULL);

  /* Leaving the demo: the real server's records go to the real store. */
  if (self->demo)
    {
      set_demo (self, FALSE);
      if (self->application != NULL)
        set_store_path (self, xa_application_get_store_path (self->application));
    }
  xa_session_set_server (self, server_url, token);
  /* After the session has the address, so server_url_changed() has nothing left to do. */
  g_settings_set_string (self->settings, "server-url", server_url);
  remember_token (self, server_url, token);
  g_signal_emit (self, signals[RECORDS_CHANGED], 0);
  xa_session_sync (self);
}

void
xa_session_use_token (XaSession  *self,
                      const char *server_url,
                      const char *token)
{
  g_return_if_fail (XA_IS_SESSION (self));
  g_return_if_fail (token != NULL);

  /* The demo's own token comes from the demo server, never from the preferences. */
  if (self->demo || self->state == XA_SESSION_STATE_STARTING_DEMO)
    return;
  xa_session_set_server (self, server_url, *token != '\0' ? token : NULL);
  if (*token != '\0')
    xa_session_sync (self);
}

void
xa_session_open_demo (XaSession *self)
{
  g_return_if_fail (XA_IS_SESSION (self));

  if (self->application == NULL || self->state == XA_SESSION_STATE_STARTING_DEMO)
    return;

  /* Nothing of the real server may start or go on while the demo takes over. */
  set_state (self, XA_SESSION_STATE_STARTING_DEMO, NULL);
  cancel_token_lookup (self);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  xa_demo_server_start_async (xa_application_get_demo_server (self->application), NULL,
                              demo_started_cb, g_object_ref (self));
}

void
xa_session_shutdown (XaSession *self)
{
  g_return_if_fail (XA_IS_SESSION (self));

  self->shut_down = TRUE;
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  if (self->lookup_cancellable != NULL)
    g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->keyring_cancellable);
  g_clear_handle_id (&self->auto_sync_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
}

static gboolean
minutes_to_seconds (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, (guint) MAX (g_variant_get_int32 (variant), 0) * 60);
  return TRUE;
}

XaSession *
xa_session_new (XaApplication *application,
                GSettings     *settings,
                const char    *store_path)
{
  XaSession *self;

  g_return_val_if_fail (application == NULL || XA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (XA_TYPE_SESSION, NULL);
  self->application = application != NULL ? g_object_ref (application) : NULL;
  self->settings = g_object_ref (settings);
  self->store_path = g_strdup (store_path);

  if (application != NULL && xa_application_get_server_url (application) != NULL)
    xa_session_set_server (self, xa_application_get_server_url (application),
                           xa_application_get_token (application));
  else
    {
      g_autofree char *url = g_settings_get_string (settings, "server-url");

      if (*url != '\0')
        xa_session_set_server (self, url,
                               application != NULL ? xa_application_get_token (application)
                                                   : NULL);
    }
  /* Users set minutes; tests set seconds through the property. */
  g_settings_bind_with_mapping (settings, "sync-interval-minutes", self, "auto-sync-interval",
                                G_SETTINGS_BIND_GET, minutes_to_seconds, NULL, NULL, NULL);
  g_signal_connect_swapped (settings, "changed::server-url", G_CALLBACK (server_url_changed),
                            self);
  return self;
}

static void
xa_session_dispose (GObject *object)
{
  XaSession *self = XA_SESSION (object);

  xa_session_shutdown (self);
  if (self->sync_client != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_client, self);
  g_clear_object (&self->sync_client);
  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->started_demo);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xa_session_parent_class)->dispose (object);
}

static void
xa_session_finalize (GObject *object)
{
  XaSession *self = XA_SESSION (object);

  g_clear_object (&self->keyring_cancellable);
  g_clear_error (&self->error);
  g_free (self->store_path);
  g_free (self->server_url);
  g_free (self->token);
  g_free (self->replace_aside_path);

  G_OBJECT_CLASS (xa_session_parent_class)->finalize (object);
}

static void
xa_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  XaSession *self = XA_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_STORE_PATH:
      g_value_set_string (value, self->store_path);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_AUTO_SYNC_INTERVAL:
      g_value_set_uint (value, self->auto_sync_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  XaSession *self = XA_SESSION (object);

  switch (prop_id)
    {
    case PROP_AUTO_SYNC_INTERVAL:
      xa_session_set_auto_sync_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_session_class_init (XaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = xa_session_dispose;
  object_class->finalize = xa_session_finalize;
  object_class->get_property = xa_session_get_property;
  object_class->set_property = xa_session_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, XA_TYPE_SESSION_STATE, XA_SESSION_STATE_IDLE,
                       read_only);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, read_only);
  properties[PROP_STORE_PATH] = g_param_spec_string ("store-path", NULL, NULL, NULL, read_only);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, read_only);
  properties[PROP_DEMO] = g_param_spec_boolean ("demo", NULL, NULL, FALSE, read_only);
  properties[PROP_AUTO_SYNC_INTERVAL] =
    g_param_spec_uint ("auto-sync-interval", NULL, NULL, 0, G_MAXUINT / 2, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Records received so far in the running sync, and pages. */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT);
  /* A sync ended (its XaSyncResult, or NULL and the GError), or the demo could not start
   * (NULL and the GError). Not emitted for a sync the demo cancelled. */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_ERROR);
  /* Whoever has the store of "store-path" open closes it now: its files are removed. */
  signals[RELEASE_STORE] =
    g_signal_new ("release-store", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /* Another server or store is in use: what shows records reads them again. */
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /* A token could not be saved (TRUE) or the saved one read (FALSE); not fatal. */
  signals[KEYRING_FAILED] =
    g_signal_new ("keyring-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
xa_session_init (XaSession *self)
{
  self->keyring_cancellable = g_cancellable_new ();
}
