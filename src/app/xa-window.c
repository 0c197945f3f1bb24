/* xa-window.c — see xa-window.h. The window owns one read connection to the store; syncs
 * run on the sync client's worker thread with its own connection, and the window reads
 * the result after each sync. This file has the pages, the sync and the window's life;
 * which server and token a sync uses is in xa-window-server.c, opening the demo city in
 * xa-window-demo.c, and the struct they share in xa-window-private.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-accessible.h"
#include "xa-city-summary.h"
#include "xa-format.h"
#include "xa-map-view.h"
#include "xa-map-view-private.h"
#include "xa-messages.h"
#include "xa-metrics.h"
#include "xa-store.h"
#include "xa-sync-client.h"
#include "xa-tooltips.h"
#include "xa-window-private.h"

G_DEFINE_FINAL_TYPE (XaWindow, xa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_subtitle (XaWindow *self)
{
  g_autofree char *subtitle = NULL;
  gint64 last = 0;

  if (self->store != NULL && self->server_url != NULL)
    last = xa_store_get_last_sync (self->store, self->server_url);

  if (last > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (last);
      g_autofree char *time = g_date_time_format (when, "%Y-%m-%d %H:%M");

      subtitle = self->is_demo
        /* Translators: the window subtitle; %s is a date and time. */
        ? g_strdup_printf (_("Demo city · synced %s"), time)
        /* Translators: the window subtitle; %s is a date and time. */
        : g_strdup_printf (_("Synced %s"), time);
    }
  else if (self->is_demo)
    subtitle = g_strdup (_("Demo city"));

  adw_view_switcher_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

/* For the cold-start benchmark (tests/bench-startup.c): once the map page has been
 * painted, say so on stdout and quit. The tick after the first one is the first whose
 * frame includes the records page. */
static gboolean
first_frame_tick (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  XaWindow *self = XA_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (++self->first_frame_ticks < 2)
    return G_SOURCE_CONTINUE;
  g_print ("first-frame\n");
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

/* "records" shows the map and the figures with the view switcher; the other pages
 * (welcome, busy, error) stand alone. */
void
_xa_window_show_page (XaWindow   *self,
                      const char *name)
{
  gboolean records = g_strcmp0 (name, "records") == 0;

  gtk_stack_set_visible_child_name (self->main_stack, name);
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title, records);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), records);
  /* Without a map on screen its shortcuts (Ctrl+F, Ctrl+1…4, F9) would act on hidden
   * widgets: nothing visible would happen. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-search", records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-overlay", records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-toggle-sidebar", records);
}

/* Ctrl+F and Ctrl+1…4 are about the map: from the Figures view they go to the Map first. */
static void
map_search_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  gtk_widget_activate_action (GTK_WIDGET (self->map_view), "map.search", NULL);
}

static void
map_overlay_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  gtk_widget_activate_action_variant (GTK_WIDGET (self->map_view), "map.overlay", parameter);
}

/* F9: the map's own action, which the window's accelerators cannot reach. */
static void
map_toggle_sidebar_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (XA_WINDOW (widget)->map_view), "map.toggle-sidebar",
                              NULL);
}

/* The district chosen in the map's district filter, or NULL for the whole city. */
const char *
_xa_window_get_district (XaWindow *self)
{
  XaMapView *map = self->map_view;
  guint selected = gtk_drop_down_get_selected (map->district_dropdown);

  if (map->district_codes == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > map->district_codes->len)
    return NULL;
  return g_ptr_array_index (map->district_codes, selected - 1);
}

/* The Figures page follows the map's district filter and the settings it reads. */
void
_xa_window_update_figures (XaWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int season;

  if (self->store == NULL || self->settings == NULL)
    return;

  season = g_settings_get_int (self->settings, "flood-season");
  if (!xa_city_summary_update (self->city_summary, self->store, _xa_window_get_district (self),
                               season != 0 ? season : xa_metrics_current_season (now), now,
                               g_settings_get_int (self->settings, "reassessment-interval"),
                               &error))
    {
      if (_xa_window_handle_store_error (self, error))
        return;
      g_autofree char *text = g_strdup_printf (_("Could not compute the city totals (%s)."),
                                               error->message);

      xa_window_add_toast (self, adw_toast_new (text));
    }
}

/* Shows the page that fits the store: welcome when it is empty, the totals otherwise. */
void
_xa_window_reload (XaWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* The damaged file has gone aside: its page stays until the user syncs again. */
  if (self->store == NULL && self->showing_damage)
    {
      _xa_window_show_page (self, "damaged");
      return;
    }
  if (self->store == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->store_path);

      g_mkdir_with_parents (dir, 0700);
      self->store = xa_store_open (self->store_path, &error);
      if (self->store == NULL && _xa_window_handle_store_error (self, error))
        return;
      if (self->store == NULL)
        {
          g_autofree char *what = NULL;
          g_autofree char *text = NULL;

          if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_TOO_NEW))
            what = g_strdup_printf (_("The records file %s was written by a newer version of "
                                      "Xiaoqu Atlas. Install that version to open it."),
                                    self->store_path);
          else
            what = g_strdup_printf (_("The file %s is not a records file of Xiaoqu Atlas, or "
                                      "it is damaged."), self->store_path);
          /* Translators: %s is a sentence saying what is wrong with the records file. */
          text = g_strdup_printf (_("%s Move the file aside to start with an empty one, or "
                                    "open the demo city."), what);
          adw_status_page_set_description (self->error_page, text);
          gtk_label_set_label (self->error_detail_label, error->message);
          _xa_window_show_page (self, "error");
          return;
        }
    }

  update_subtitle (self);

  if (xa_store_count (self->store, XA_RECORD_COMPOUND) == 0)
    {
      _xa_window_show_page (self, self->sync_client != NULL ? "busy" : "welcome");
      return;
    }

  if (!xa_map_view_load (self->map_view, self->store, &error))
    {
      if (_xa_window_handle_store_error (self, error))
        return;
      g_autofree char *text = g_strdup_printf (_("Could not read the compounds for the map (%s)."),
                                               error->message);

      xa_window_add_toast (self, adw_toast_new (text));
    }
  /* After the map, whose district list the figures follow. */
  _xa_window_update_figures (self);
  _xa_window_show_page (self, "records");
  if (g_getenv ("XA_EXIT_AFTER_FIRST_FRAME") != NULL && self->first_frame_id == 0)
    self->first_frame_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_tick,
                                                         NULL, NULL);
}

void
_xa_window_set_store_path (XaWindow   *self,
                           const char *store_path)
{
  if (g_strcmp0 (self->store_path, store_path) == 0)
    return;

  g_free (self->store_path);
  self->store_path = g_strdup (store_path);
  xa_map_view_clear (self->map_view);
  g_clear_object (&self->store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_PATH]);
}

void
_xa_window_show_error_strip (XaWindow     *self,
                             const GError *error)
{
  g_autofree char *text = NULL;
  XaRemedy remedy;

  text = xa_sync_error_message (error, self->server_url, self->store_path, FALSE, &remedy);
  gtk_label_set_label (self->error_label, text);
  /* The technical message, for whoever reports the problem to the server's administrator. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), error->message);

  if (remedy == XA_REMEDY_CONNECT)
    {
      gtk_button_set_label (self->error_button,
                            g_error_matches (error, XA_SYNC_ERROR, XA_SYNC_ERROR_UNAUTHORIZED)
                            ? _("Enter _Token…") : _("Change _Server…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), "win.connect");
    }
  else
    {
      gtk_button_set_label (self->error_button, _("_Try Again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button),
                                      self->is_demo ? "win.open-demo" : "win.sync");
    }
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

void
_xa_window_set_syncing (XaWindow *self,
                        gboolean  syncing)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, syncing);
  gtk_stack_set_visible_child_name (self->sync_button_stack, syncing ? "busy" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_spinner_set_spinning (self->busy_spinner, syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", !syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", !syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect", !syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", syncing);
  if (!syncing)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

void
_xa_window_start_pulse (XaWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->pulse_id = g_timeout_add (150, pulse_cb, self->progress_bar);
}

static void
sync_progress_cb (XaSyncClient *client,
                  guint64       records,
                  guint         pages,
                  XaWindow     *self)
{
  g_autofree char *count = xa_format_count ((gint64) records);
  g_autofree char *text = NULL;

  /* Translators: sync progress; %s is a number of records, %u a number of pages. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s records received, %u page",
                                       "%s records received, %u pages", pages),
                          count, pages);
  gtk_label_set_label (self->progress_label, text);
  adw_status_page_set_description (self->busy_page, text);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XaSyncClient) client = XA_SYNC_CLIENT (g_object_ref (source));
  XaSyncResult sync_result = { 0 };
  gboolean ok;

  ok = xa_sync_client_sync_finish (client, result, &sync_result, &error);

  g_signal_handlers_disconnect_by_data (client, self);
  /* The window was closed while the sync ran: nothing left to show it in. */
  if (self->settings == NULL)
    return;
  if (self->sync_client == client)
    g_clear_object (&self->sync_client);
  g_clear_object (&self->sync_cancellable);
  /* The sync was cancelled for the demo; the demo's own pages follow. */
  if (self->demo_starting)
    {
      if (self->started_demo != NULL)
        _xa_window_switch_to_demo (self);
      return;
    }
  _xa_window_set_syncing (self, FALSE);

  if (ok)
    {
      g_autofree char *text = NULL;

      if (sync_result.store_replaced)
        /* Translators: after a sync that replaced another server's records; %s is the file
         * they were moved to. */
        text = g_strdup_printf (_("The previous records were kept in %s"),
                                self->replace_aside_path);
      else if (sync_result.records == 0)
        text = g_strdup (_("Already up to date"));
      else
        {
          g_autofree char *count = xa_format_count ((gint64) sync_result.records);

          /* Translators: after a sync; %s is a number of records, %.1f seconds. */
          text = g_strdup_printf (_("Synced %s records in %.1f s"), count, sync_result.seconds);
        }
      xa_window_add_toast (self, adw_toast_new (text));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    xa_window_add_toast (self, adw_toast_new (_("Sync cancelled. The records received so far "
                                                "are kept.")));
  else if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
    {
      _xa_window_handle_store_error (self, error);
      return;
    }
  else if (!_xa_window_handle_store_error (self, error))
    _xa_window_show_error_strip (self, error);
  g_clear_pointer (&self->replace_aside_path, g_free);

  _xa_window_reload (self);
  if (self->sync_when_done)
    {
      self->sync_when_done = FALSE;
      if (self->server_url != NULL && self->token != NULL)
        _xa_window_start_sync (self);
    }
}

void
_xa_window_start_sync (XaWindow *self)
{
  if (self->sync_client != NULL || self->demo_starting)
    return;

  if (self->server_url == NULL || *self->server_url == '\0')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.connect", NULL);
      return;
    }

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  self->sync_client = xa_sync_client_new (self->server_url,
                                          self->token != NULL ? self->token : "");
  self->sync_cancellable = g_cancellable_new ();
  g_signal_connect (self->sync_client, "progress", G_CALLBACK (sync_progress_cb), self);
  /* Only once the user chose so in the dialog of xa-window-store.c. */
  if (self->replace_aside_path != NULL)
    xa_sync_client_set_replace_store (self->sync_client, self->replace_aside_path);
  self->showing_damage = FALSE;

  gtk_label_set_label (self->progress_label, _("Connecting to the records server…"));
  adw_status_page_set_title (self->busy_page, self->is_demo ? _("Opening the Demo City…")
                                                            : _("Syncing Records…"));
  adw_status_page_set_description (self->busy_page, NULL);
  _xa_window_set_syncing (self, TRUE);
  _xa_window_start_pulse (self);
  if (self->store == NULL || xa_store_count (self->store, XA_RECORD_COMPOUND) == 0)
    _xa_window_show_page (self, "busy");

  xa_sync_client_sync_async (self->sync_client, self->store_path, self->sync_cancellable,
                             sync_done_cb, g_object_ref (self));
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _xa_window_start_sync (XA_WINDOW (widget));
}

static void
cancel_sync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);

  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (XA_WINDOW (widget)->error_revealer, FALSE);
}


static gboolean
xa_window_close_request (GtkWindow *window)
{
  XaWindow *self = XA_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  xa_map_view_save_state (self->map_view);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);

  return GTK_WINDOW_CLASS (xa_window_parent_class)->close_request (window);
}

/* GTK 4.8's drop-down shows its own button to screen readers, without the drop-down's
 * name: give it the same one. */
static void
name_drop_down_button (GtkWidget *drop_down)
{
  const char *name = _("District filter");

  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
}

static void
xa_window_constructed (GObject *object)
{
  XaWindow *self = XA_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (xa_window_parent_class)->constructed (object);
  name_drop_down_button (GTK_WIDGET (self->map_view->district_dropdown));

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (self->store_path == NULL)
    self->store_path = xa_store_default_path ();

  if (XA_IS_APPLICATION (app) && xa_application_get_server_url (XA_APPLICATION (app)) != NULL)
    xa_window_set_server (self, xa_application_get_server_url (XA_APPLICATION (app)),
                          xa_application_get_token (XA_APPLICATION (app)));
  else
    {
      g_autofree char *url = g_settings_get_string (self->settings, "server-url");

      if (*url != '\0')
        xa_window_set_server (self, url,
                              XA_IS_APPLICATION (app)
                              ? xa_application_get_token (XA_APPLICATION (app)) : NULL);
    }

  _xa_window_reload (self);
  _xa_window_schedule_auto_sync (self);
  g_signal_connect_swapped (self->settings, "changed::sync-interval-minutes",
                            G_CALLBACK (_xa_window_schedule_auto_sync), self);
  g_signal_connect_swapped (self->settings, "changed::server-url",
                            G_CALLBACK (_xa_window_server_url_changed), self);
  g_signal_connect_swapped (self->settings, "changed::reassessment-interval",
                            G_CALLBACK (_xa_window_update_figures), self);
  g_signal_connect_swapped (self->map_view->district_dropdown, "notify::selected",
                            G_CALLBACK (_xa_window_update_figures), self);

  /* A server and token given on the command line (or in the environment) mean "sync"; a
   * server known from settings syncs once its token has been read from the keyring. */
  if (self->server_url != NULL && self->token != NULL)
    _xa_window_start_sync (self);
  else if (self->server_url != NULL)
    _xa_window_lookup_token (self);
}

static void
xa_window_dispose (GObject *object)
{
  XaWindow *self = XA_WINDOW (object);

  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);
  if (self->lookup_cancellable != NULL)
    g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->started_demo);
  if (self->sync_client != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_client, self);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_handle_id (&self->auto_sync_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_data (self->map_view->district_dropdown, self);
  g_clear_object (&self->sync_client);
  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  /* libadwaita 1.2's switchers unparent their buttons when they let go of the stack; if
   * the stack is disposed first they touch freed pages. Let go while everything lives. */
  if (self->window_title != NULL)
    adw_view_switcher_title_set_stack (self->window_title, NULL);
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XA_TYPE_WINDOW);

  G_OBJECT_CLASS (xa_window_parent_class)->dispose (object);
}

static void
xa_window_finalize (GObject *object)
{
  XaWindow *self = XA_WINDOW (object);

  g_free (self->store_path);
  g_free (self->server_url);
  g_free (self->token);
  g_free (self->damaged_aside_path);
  g_free (self->replace_aside_path);

  G_OBJECT_CLASS (xa_window_parent_class)->finalize (object);
}

static void
xa_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  XaWindow *self = XA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE_PATH:
      g_value_set_string (value, self->store_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  XaWindow *self = XA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE_PATH:
      _xa_window_set_store_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_window_class_init (XaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = xa_window_constructed;
  object_class->dispose = xa_window_dispose;
  object_class->finalize = xa_window_finalize;
  object_class->get_property = xa_window_get_property;
  object_class->set_property = xa_window_set_property;
  window_class->close_request = xa_window_close_request;

  properties[PROP_STORE_PATH] =
    g_param_spec_string ("store-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XA_TYPE_CITY_SUMMARY);
  g_type_ensure (XA_TYPE_MAP_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xiaoquatlas/XiaoquAtlas/xa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, sync_button_stack);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, error_button);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, busy_page);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, city_summary);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, error_detail_label);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, damaged_page);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, damaged_detail_label);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, cancel_sync_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL,
                                   _xa_window_open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, _xa_window_connect_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   _xa_window_preferences_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.map-search", NULL, map_search_action);
  gtk_widget_class_install_action (widget_class, "win.map-overlay", "s", map_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.map-toggle-sidebar", NULL,
                                   map_toggle_sidebar_action);
}

static void
xa_window_init (XaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  xa_tooltips_fit_language ();

  self->settings = g_settings_new (APP_ID);
  self->keyring_cancellable = g_cancellable_new ();
  self->lookup_cancellable = g_cancellable_new ();
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  /* The map's accelerators reach the map view's actions through the window's while the
   * records are shown: see _xa_window_show_page(). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-overlay", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-toggle-sidebar", FALSE);
  g_object_bind_property (self->map_view, "sidebar-shown", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

XaWindow *
xa_window_new (XaApplication *application,
               const char    *store_path)
{
  g_return_val_if_fail (application == NULL || XA_IS_APPLICATION (application), NULL);

  return g_object_new (XA_TYPE_WINDOW,
                       "application", application,
                       "store-path", store_path,
                       NULL);
}

void
xa_window_set_server (XaWindow   *self,
                      const char *server_url,
                      const char *token)
{
  g_return_if_fail (XA_IS_WINDOW (self));

  g_free (self->server_url);
  self->server_url = server_url != NULL && *server_url != '\0' ? g_strdup (server_url) : NULL;
  g_free (self->token);
  self->token = g_strdup (token);
  update_subtitle (self);
}

void
xa_window_add_toast (XaWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (XA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  /* The toast shown now has a close button of libadwaita's without a name. */
  xa_accessible_name_controls (GTK_WIDGET (self->toast_overlay));
}

const char *
_xa_window_get_page (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "records") == 0)
    return adw_view_stack_get_visible_child_name (self->view_stack);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
_xa_window_show_view (XaWindow   *self,
                      const char *name)
{
  g_return_if_fail (XA_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

XaMapView *
_xa_window_get_map_view (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->map_view;
}

gboolean
_xa_window_is_syncing (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), FALSE);

  return self->sync_client != NULL || gtk_revealer_get_reveal_child (self->progress_revealer);
}

const char *
_xa_window_get_store_path (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->store_path;
}

const char *
_xa_window_get_error_text (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

const char *
_xa_window_get_server_url (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->server_url;
}

const char *
_xa_window_get_damaged_aside_path (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->damaged_aside_path;
}

AdwMessageDialog *
_xa_window_get_replace_dialog (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->replace_dialog;
}
