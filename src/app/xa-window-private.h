/* xa-window-private.h — what XaWindow's files share: the instance struct and the functions
 * one file calls in another (xa-window.c: pages and sync; xa-window-server.c: the server,
 * its token and the automatic sync; xa-window-demo.c: opening the demo city), and what
 * the UI tests look at inside XaWindow. */
#pragma once

#include "xa-city-summary.h"
#include "xa-demo-server.h"
#include "xa-map-view.h"
#include "xa-store.h"
#include "xa-sync-client.h"
#include "xa-window.h"

G_BEGIN_DECLS

struct _XaWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  GtkToggleButton      *sidebar_button;
  GtkStack             *sync_button_stack;
  GtkSpinner           *sync_spinner;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkButton            *error_button;
  GtkStack             *main_stack;
  AdwStatusPage        *busy_page;
  GtkSpinner           *busy_spinner;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  XaMapView            *map_view;
  XaCitySummary        *city_summary;
  AdwStatusPage        *error_page;
  GtkLabel             *error_detail_label;
  AdwStatusPage        *damaged_page;
  GtkLabel             *damaged_detail_label;

  GSettings            *settings;
  char                 *store_path;
  XaStore              *store;
  char                 *server_url;
  char                 *token;
  gboolean              is_demo;
  /* From "open the demo" until the demo server answers (and any sync running then has
   * finished): no sync starts, so none runs into the store the demo is about to take. */
  gboolean              demo_starting;
  XaDemoServer         *started_demo;

  XaSyncClient         *sync_client;
  GCancellable         *sync_cancellable;
  GCancellable         *keyring_cancellable;
  GCancellable         *lookup_cancellable;
  /* A token arrived while a sync to the previous address was still stopping. */
  gboolean              sync_when_done;
  guint                 pulse_id;
  guint                 auto_sync_id;
  guint                 first_frame_id;
  guint                 first_frame_ticks;

  /* xa-window-store.c: the damaged store was moved here (NULL when it could not be);
   * the damage page stays until a sync starts. */
  char                 *damaged_aside_path;
  gboolean              showing_damage;
  /* The user chose to replace a store of another server: the next sync keeps it here. */
  char                 *replace_aside_path;
  AdwMessageDialog     *replace_dialog;
};

/* xa-window.c */
/* The code of the district chosen on the map, or NULL for the whole city. */
const char *_xa_window_get_district     (XaWindow     *self);
/* Recomputes the Figures page for that district. */
void        _xa_window_update_figures   (XaWindow     *self);
/* Shows the page that fits the store: welcome when it is empty, the totals otherwise. */
void        _xa_window_reload           (XaWindow     *self);
void        _xa_window_set_store_path   (XaWindow     *self,
                                         const char   *store_path);
/* "records", "welcome", "busy" or "error". */
void        _xa_window_show_page        (XaWindow     *self,
                                         const char   *name);
void        _xa_window_show_error_strip (XaWindow     *self,
                                         const GError *error);
void        _xa_window_set_syncing      (XaWindow     *self,
                                         gboolean      syncing);
/* Pulses the progress bar until _xa_window_set_syncing (self, FALSE). */
void        _xa_window_start_pulse      (XaWindow     *self);
/* Syncs from the server in use; asks for one when there is none. */
void        _xa_window_start_sync       (XaWindow     *self);

/* xa-window-server.c */
void        _xa_window_connect_action      (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void        _xa_window_preferences_action  (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
/* Reads the token saved for the server in use, then syncs with it. */
void        _xa_window_lookup_token        (XaWindow   *self);
/* Stops a pending token lookup; its answer is not wanted any more. */
void        _xa_window_cancel_token_lookup (XaWindow   *self);
/* Uses a new (or emptied) "server-url" setting at once. */
void        _xa_window_server_url_changed  (XaWindow   *self);
/* (Re)starts the auto-sync timer from the "sync-interval-minutes" setting. */
void        _xa_window_schedule_auto_sync  (XaWindow   *self);

/* xa-window-demo.c */
void        _xa_window_open_demo_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter);
/* The demo server is running and no sync is: the demo's store, server and token. */
void        _xa_window_switch_to_demo   (XaWindow   *self);

/* xa-window-store.c */
/* Handles what is wrong with the records file itself: damage (moved aside, the damage page)
 * or another server's records (asks to replace them). FALSE for any other error. */
gboolean    _xa_window_handle_store_error (XaWindow     *self,
                                           const GError *error);

/* For the UI tests. */
/* "welcome", "busy", "error", or the records view shown: "map" or "summary". */
const char *_xa_window_get_page       (XaWindow *self);
/* Shows the records view @name ("map" or "summary"). */
void        _xa_window_show_view      (XaWindow   *self,
                                       const char *name);
gboolean    _xa_window_is_syncing     (XaWindow *self);
const char *_xa_window_get_store_path (XaWindow *self);
/* The records server in use, or NULL. */
const char *_xa_window_get_server_url (XaWindow *self);
/* The text of the sync error strip, or NULL when it is hidden. */
const char *_xa_window_get_error_text (XaWindow *self);

XaMapView  *_xa_window_get_map_view   (XaWindow *self);
/* Where the damaged store was moved, or NULL. */
const char *_xa_window_get_damaged_aside_path (XaWindow *self);
/* The dialog asking to replace another server's records, while it is open. */
AdwMessageDialog *_xa_window_get_replace_dialog (XaWindow *self);

G_END_DECLS
