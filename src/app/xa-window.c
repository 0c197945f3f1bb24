/* xa-window.c — see xa-window.h. The window is a view of its XaSession (server, token,
 * demo, syncs): it shows the session's state, progress and failures, and turns the
 * header's and the dialogs' buttons into the session's calls. It owns one read connection
 * to the store and reads it again after each sync. It also handles what is wrong with the
 * records file itself rather than with a sync: a damaged file is moved aside (never
 * deleted) and a page says so; a file of another server is replaced only when the user
 * says so, in a dialog that names the file the old records are kept in. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-accessible.h"
#include "xa-agenda-page.h"
#include "xa-agenda-sources.h"
#include "xa-city-summary.h"
#include "xa-message-dialogs.h"
#include "xa-problem-ledger.h"
#include "xa-connect-dialog.h"
#include "xa-elevator-list.h"
#include "xa-format.h"
#include "xa-map-view.h"
#include "xa-meeting-pack.h"
#include "xa-meeting-pack-actions.h"
#include "xa-messages.h"
#include "xa-metrics.h"
#include "xa-preferences-window.h"
#include "xa-presentation.h"
#include "xa-presentation-actions.h"
#include "xa-outbox-window.h"
#include "xa-session.h"
#include "xa-store.h"
#include "xa-tooltips.h"
#include "xa-view-export.h"
#include "xa-web-address.h"
#include "xa-window-private.h"

struct _XaWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *header_bar;
  GMenu                *edits_section;
  AdwViewSwitcherTitle *window_title;
  GtkToggleButton      *sidebar_button;
  GtkLabel             *meeting_pack_label;
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
  XaElevatorList       *elevator_list;
  XaProblemLedger      *problem_ledger;
  XaAgendaPage         *agenda_page;
  AdwStatusPage        *error_page;
  GtkLabel             *error_detail_label;
  AdwStatusPage        *damaged_page;
  GtkLabel             *damaged_detail_label;

  GSettings            *settings;
  /* The server, the token, the demo and the syncs: the window shows its state. */
  XaSession            *session;
  /* Where the store is: the session's "store-path", followed. */
  char                 *store_path;
  /* The window's own read connection to the session's store, or NULL. */
  XaStore              *store;
  guint                 pulse_id;

  /* The damaged store was moved here (NULL when it could not be); the damage page stays
   * until a sync starts. */
  char                 *damaged_aside_path;
  gboolean              showing_damage;
  AdwMessageDialog     *replace_dialog;
  /* Export… and Print… of the Elevators and Problems pages. */
  XaViewExport         *view_export;
  /* The store is a meeting pack: never synced, its own tiles (xa-meeting-pack.h). */
  gboolean              meeting_pack;
  /* Presentation mode (F5) and the minutes of its meetings. */
  XaPresentation       *presentation;
};

G_DEFINE_FINAL_TYPE (XaWindow, xa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean handle_store_error (XaWindow     *self,
                                    const GError *error);

static void
update_subtitle (XaWindow *self)
{
  g_autofree char *subtitle = NULL;
  gint64 last = 0;

  const char *server_url = xa_session_get_server_url (self->session);
  gboolean demo = xa_session_get_demo (self->session);

  if (self->store != NULL && server_url != NULL)
    {
      /* Syncs record the server under its one spelling. */
      g_autofree char *server = xa_web_address_normalize (server_url);

      last = xa_store_get_last_sync (self->store, server);
    }

  if (self->meeting_pack)
    {
      g_autofree char *server = self->store != NULL ? xa_store_dup_server (self->store) : NULL;
      g_autofree char *time = NULL;

      last = server != NULL ? xa_store_get_last_sync (self->store, server) : 0;
      time = xa_format_date_time (MAX (last, 0));
      /* Translators: the window subtitle of a meeting pack; %s is a date and time. */
      subtitle = g_strdup_printf (_("Meeting pack — offline · data as of %s"), time);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->meeting_pack_label), subtitle);
    }
  else if (last > 0)
    {
      g_autofree char *time = xa_format_date_time (last);

      subtitle = demo
        /* Translators: the window subtitle; %s is a date and time. */
        ? g_strdup_printf (_("Demo city · synced %s"), time)
        /* Translators: the window subtitle; %s is a date and time. */
        : g_strdup_printf (_("Synced %s"), time);
    }
  else if (demo)
    subtitle = g_strdup (_("Demo city"));

  adw_view_switcher_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  /* Presentation mode's "data as of" line reads the same last sync. */
  if (self->presentation != NULL && self->store != NULL)
    xa_presentation_set_store (self->presentation, self->store, server_url);
}

/* Meeting agendas (xa-agenda-page.c): compounds handed over by a page's own button
 * (win.agenda-add), or taken from the page shown (Ctrl+D, Shift+Ctrl+D). */
static const char * const agenda_actions[][2] = {
  { "win.agenda-add", "as" },
  { "win.add-to-agenda", NULL },
  { "win.add-shown-to-agenda", NULL },
  { "win.show-agendas", NULL },
  { NULL, NULL },
};

static void
agenda_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  g_auto(GStrv) ids = NULL;
  const char *hint = NULL;

  if (g_str_equal (action_name, "win.show-agendas"))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "agendas");
      return;
    }
  if (parameter != NULL)
    ids = g_variant_dup_strv (parameter, NULL);
  else
    ids = xa_agenda_sources_collect (adw_view_stack_get_visible_child (self->view_stack),
                                     g_str_equal (action_name, "win.add-shown-to-agenda"),
                                     &hint);
  if (ids[0] != NULL)
    xa_agenda_page_add (self->agenda_page, (const char * const *) ids, NULL, NULL);
  else if (hint != NULL)
    xa_window_add_toast (self, adw_toast_new (hint));
}

/* "records" shows the map and the figures with the view switcher; the other pages
 * (welcome, busy, error, damaged) stand alone. */
static void
show_page (XaWindow   *self,
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
  for (guint i = 0; agenda_actions[i][0] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), agenda_actions[i][0], records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present-agenda", records);
  if (!records && self->presentation != NULL)
    xa_presentation_stop (self->presentation);
}

/* Ctrl+F and Ctrl+1…4 are about the map: from the Figures view they go to the Map first.
 * The Elevators view has a search of its own: Ctrl+F there searches the lifts. */
static void
map_search_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "elevators") == 0)
    {
      xa_elevator_list_focus_search (self->elevator_list);
      return;
    }
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

XaPresentation *
xa_window_get_presentation (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->presentation;
}

const char *
_xa_window_get_district (XaWindow *self)
{
  return xa_map_view_get_district (self->map_view);
}

/* The Figures page follows the map's district filter and the settings it reads. */
static void
update_figures (XaWindow *self)
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
      if (handle_store_error (self, error))
        return;
      g_autofree char *text = g_strdup_printf (_("Could not compute the city totals (%s)."),
                                               error->message);

      xa_window_add_toast (self, adw_toast_new (text));
    }
}

/* A figure activated on the Figures page: the map, with the list of the compounds it counts. */
static void
figure_activated_cb (XaWindow   *self,
                     const char *figure)
{
  /* The map first, so that the list can take the keyboard focus when it opens. */
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  xa_map_view_show_figure_list (self->map_view, figure);
}

/* A district's bar on the Dashboard: the map's district filter, which the map, the lists
 * and the figures follow. */
static void
dashboard_district_cb (XaWindow   *self,
                       const char *code_or_NULL)
{
  xa_map_view_set_district (self->map_view, code_or_NULL);
}

/* The Elevators page follows the map's district filter, as the figures do. */
static void
update_elevator_district (XaWindow *self)
{
  xa_elevator_list_set_district (self->elevator_list, _xa_window_get_district (self),
                                 xa_map_view_get_district_name (self->map_view));
}

/* A lift chosen in the renewal list: its compound is selected on the map, for the moment
 * the user goes there. */
static void
elevator_compound_selected_cb (XaWindow   *self,
                               const char *compound_id)
{
  xa_map_view_select_compound (self->map_view, compound_id);
}

/* A lift activated in the renewal list (Enter, a double click): the map, with its compound. */
static void
elevator_compound_activated_cb (XaWindow   *self,
                                const char *compound_id)
{
  xa_map_view_select_compound (self->map_view, compound_id);
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
}

/* The Problems page reads the store again after each sync; the map's district filters it. */
static void
update_problem_ledger (XaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!xa_problem_ledger_load (self->problem_ledger, self->store, _xa_window_get_district (self),
                               g_get_real_time () / G_USEC_PER_SEC, &error))
    {
      if (handle_store_error (self, error))
        return;
      g_autofree char *text = g_strdup_printf (_("Could not read the problems (%s)."),
                                               error->message);

      xa_window_add_toast (self, adw_toast_new (text));
    }
}

static void
district_changed_cb (XaWindow *self)
{
  xa_problem_ledger_set_district (self->problem_ledger, _xa_window_get_district (self));
}

static void
outbox_changed_cb (XaWindow *self)
{
  xa_outbox_window_fill_menu (self->edits_section, self->store);
}

/* Shows the page that fits the store: welcome when it is empty, the totals otherwise. */
static void
reload (XaWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* The damaged file has gone aside: its page stays until the user syncs again. */
  if (self->store == NULL && self->showing_damage)
    {
      show_page (self, "damaged");
      return;
    }
  if (self->store == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->store_path);

      g_mkdir_with_parents (dir, 0700);
      self->store = xa_store_open (self->store_path, &error);
      /* An edit made on any page counts in the menu at once, not at the next sync. */
      if (self->store != NULL)
        g_signal_connect_object (self->store, "outbox-changed", G_CALLBACK (outbox_changed_cb),
                                 self, G_CONNECT_SWAPPED);
      if (self->store == NULL && handle_store_error (self, error))
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
          show_page (self, "error");
          return;
        }
    }

  update_subtitle (self);
  xa_outbox_window_fill_menu (self->edits_section, self->store);

  if (xa_store_count (self->store, XA_RECORD_COMPOUND) == 0)
    {
      show_page (self, xa_session_get_state (self->session) == XA_SESSION_STATE_SYNCING
                       ? "busy" : "welcome");
      return;
    }

  if (!xa_map_view_load (self->map_view, self->store, &error))
    {
      if (handle_store_error (self, error))
        return;
      g_autofree char *text = g_strdup_printf (_("Could not read the compounds for the map (%s)."),
                                               error->message);

      xa_window_add_toast (self, adw_toast_new (text));
    }
  /* After the map, whose district list the figures follow. */
  update_figures (self);
  update_elevator_district (self);
  xa_elevator_list_set_store (self->elevator_list, self->store, self->settings);
  update_problem_ledger (self);
  xa_agenda_page_set_store (self->agenda_page, self->store);
  xa_presentation_set_store (self->presentation, self->store,
                             xa_session_get_server_url (self->session));
  show_page (self, "records");
}

/* Every connection of the window to its store closes: before the file moves, or when
 * another file is used. */
static void
close_store (XaWindow *self)
{
  xa_map_view_clear (self->map_view);
  xa_elevator_list_set_store (self->elevator_list, NULL, NULL);
  xa_problem_ledger_unload (self->problem_ledger);
  xa_agenda_page_set_store (self->agenda_page, NULL);
  xa_presentation_set_store (self->presentation, NULL, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
}

static void
store_path_changed_cb (XaWindow *self)
{
  const char *store_path = xa_session_get_store_path (self->session);

  if (g_strcmp0 (self->store_path, store_path) == 0)
    return;
  g_free (self->store_path);
  self->store_path = g_strdup (store_path);
  close_store (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_PATH]);
}

static void
show_error_strip (XaWindow     *self,
                  const GError *error)
{
  g_autofree char *text = NULL;
  XaRemedy remedy;

  text = xa_sync_error_message (error, xa_session_get_server_url (self->session),
                                self->store_path, FALSE, &remedy);
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
                                      xa_session_get_demo (self->session)
                                      ? "win.open-demo" : "win.sync");
    }
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
set_syncing (XaWindow *self,
             gboolean  syncing)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, syncing);
  gtk_stack_set_visible_child_name (self->sync_button_stack, syncing ? "busy" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_spinner_set_spinning (self->busy_spinner, syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", !syncing && !self->meeting_pack);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo",
                                 !syncing && !self->meeting_pack);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect",
                                 !syncing && !self->meeting_pack);
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

/* Pulses the progress bar until set_syncing (self, FALSE). */
static void
start_pulse (XaWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->pulse_id = g_timeout_add (150, pulse_cb, self->progress_bar);
}

static void
sync_progress_cb (XaSession    *session,
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

/* Edits the server refused in this sync wait for the user: a toast that stays, with the way
 * to the unsent edits. */
static void
show_refused_edits (XaWindow *self,
                    guint     conflicts,
                    guint     rejected)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (conflicts > 0)
    /* Translators: after a sync; %u is a number of the user's edits. */
    text = g_strdup_printf (ngettext ("%u edit conflicts with changes on the server",
                                      "%u edits conflict with changes on the server",
                                      conflicts), conflicts);
  else
    /* Translators: after a sync; %u is a number of the user's edits. */
    text = g_strdup_printf (ngettext ("%u edit was refused by the server",
                                      "%u edits were refused by the server", rejected),
                            rejected);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Review"));
  adw_toast_set_action_name (toast, "win.unsent-edits");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  xa_window_add_toast (self, toast);
}

/* A sync ended, or the demo could not start: say how, then show the store as it is now. */
static void
session_finished_cb (XaSession          *session,
                     const XaSyncResult *sync_result,
                     const GError       *error,
                     XaWindow           *self)
{
  if (sync_result != NULL)
    {
      g_autofree char *text = NULL;

      if (sync_result->store_replaced)
        /* Translators: after a sync that replaced another server's records; %s is the file
         * they were moved to. */
        text = g_strdup_printf (_("The previous records were kept in %s"),
                                xa_session_get_replace_aside_path (session));
      else if (sync_result->records == 0)
        text = g_strdup (_("Already up to date"));
      else
        {
          g_autofree char *count = xa_format_count ((gint64) sync_result->records);

          /* Translators: after a sync; %s is a number of records, %.1f seconds. */
          text = g_strdup_printf (_("Synced %s records in %.1f s"), count,
                                  sync_result->seconds);
        }
      xa_window_add_toast (self, adw_toast_new (text));
      if (sync_result->conflicts + sync_result->rejected > 0)
        show_refused_edits (self, sync_result->conflicts, sync_result->rejected);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    xa_window_add_toast (self, adw_toast_new (_("Sync cancelled. The records received so far "
                                                "are kept.")));
  else if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
    {
      handle_store_error (self, error);
      return;
    }
  else if (!handle_store_error (self, error))
    show_error_strip (self, error);

  reload (self);
}

/* Syncs from the server in use; asks for one when there is none. */
static void
start_sync (XaWindow *self)
{
  if (!xa_session_sync (self->session))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.connect", NULL);
}

/* The header, the progress strip and the busy page follow what the session does. */
static void
session_state_cb (XaWindow *self)
{
  XaSessionState state = xa_session_get_state (self->session);

  if (state == XA_SESSION_STATE_SYNCING)
    {
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      self->showing_damage = FALSE;
      gtk_label_set_label (self->progress_label, _("Connecting to the records server…"));
      adw_status_page_set_title (self->busy_page, xa_session_get_demo (self->session)
                                                  ? _("Opening the Demo City…")
                                                  : _("Syncing Records…"));
      adw_status_page_set_description (self->busy_page, NULL);
      set_syncing (self, TRUE);
      start_pulse (self);
      if (self->store == NULL || xa_store_count (self->store, XA_RECORD_COMPOUND) == 0)
        show_page (self, "busy");
    }
  else if (state == XA_SESSION_STATE_STARTING_DEMO)
    {
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      gtk_label_set_label (self->progress_label, _("Starting the demo server…"));
      adw_status_page_set_title (self->busy_page, _("Opening the Demo City…"));
      adw_status_page_set_description (self->busy_page, _("Starting the demo server…"));
      set_syncing (self, TRUE);
      /* Keep the cancel button off: the start cannot be cancelled half-way. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
      start_pulse (self);
      show_page (self, "busy");
    }
  else
    set_syncing (self, FALSE);
}

/* Another server or store: the strip about the old one goes, the records are read again. */
static void
session_records_changed_cb (XaWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  reload (self);
}

static void
keyring_failed_cb (XaSession    *session,
                   gboolean      saving,
                   const GError *error,
                   XaWindow     *self)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (saving)
    /* Translators: %s says why the keyring could not be used. */
    text = g_strdup_printf (_("The token is used until you quit, but it could not be saved: "
                              "%s"), error->message);
  else
    /* Not fatal: the records on this computer still show; a sync will ask for the token. */
    text = g_strdup_printf (_("The saved token could not be read: %s"), error->message);
  toast = adw_toast_new (text);
  if (saving)
    adw_toast_set_timeout (toast, 0);
  xa_window_add_toast (self, toast);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start_sync (XA_WINDOW (widget));
}

static void
cancel_sync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  xa_session_cancel_sync (XA_WINDOW (widget)->session);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  xa_session_open_demo (XA_WINDOW (widget)->session);
}

static void
connect_response_cb (XaConnectDialog *dialog,
                     const char      *response,
                     XaWindow        *self)
{
  if (g_strcmp0 (response, "connect") == 0)
    xa_session_connect (self->session, xa_connect_dialog_get_url (dialog),
                        xa_connect_dialog_get_token (dialog));
}

static void
unsent_edits_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  GtkWidget *outbox;

  if (self->store == NULL)
    reload (self);
  if (self->store == NULL)
    return;
  outbox = xa_outbox_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (outbox, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (outbox));
}

/* Also the way out of the demo: the dialog then starts empty. */
static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  gboolean demo = xa_session_get_demo (self->session);
  GtkWidget *dialog;

  dialog = xa_connect_dialog_new (GTK_WINDOW (self),
                                  demo ? NULL : xa_session_get_server_url (self->session),
                                  demo ? NULL : xa_session_get_token (self->session));
  g_signal_connect (dialog, "response", G_CALLBACK (connect_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A new address or token applies at once (through the session); a new Tianditu key
 * reloads the basemap. */
static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);
  GtkWidget *preferences = xa_preferences_window_new (GTK_WINDOW (self), self->settings);

  xa_preferences_window_set_store (XA_PREFERENCES_WINDOW (preferences), self->store);

  g_signal_connect_object (preferences, "token-changed", G_CALLBACK (xa_session_use_token),
                           self->session, G_CONNECT_SWAPPED);
  g_signal_connect_object (preferences, "tianditu-key-changed",
                           G_CALLBACK (xa_map_view_reload_basemap), self->map_view,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
view_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XaWindow *self = XA_WINDOW (widget);

  xa_view_export_activate (self->view_export, action_name, parameter,
                           _xa_window_get_district (self));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (XA_WINDOW (widget)->error_revealer, FALSE);
}


static void
show_damage (XaWindow     *self,
             const GError *error)
{
  g_autofree char *aside = xa_store_aside_path (self->store_path, "damaged");
  g_autoptr(GError) move_error = NULL;
  g_autofree char *text = NULL;

  close_store (self);
  g_clear_pointer (&self->damaged_aside_path, g_free);
  if (xa_store_move_aside (self->store_path, aside, &move_error))
    {
      /* Translators: the first %s is the records file, the second the name it was moved to. */
      text = g_strdup_printf (_("The records file %s is damaged, so its records cannot be "
                                "read. It was moved to %s and kept there; nothing was "
                                "deleted. Sync again to download every record into a new "
                                "file."),
                              self->store_path, aside);
      self->damaged_aside_path = g_steal_pointer (&aside);
    }
  else
    /* Translators: %s is the records file. */
    text = g_strdup_printf (_("The records file %s is damaged, so its records cannot be read, "
                              "and it could not be moved aside. Move it to another folder, "
                              "then sync again to download every record into a new file."),
                            self->store_path);
  adw_status_page_set_description (self->damaged_page, text);
  gtk_label_set_label (self->damaged_detail_label,
                       move_error != NULL ? move_error->message : error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  self->showing_damage = TRUE;
  show_page (self, "damaged");
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     XaWindow         *self)
{
  g_autofree char *aside = g_strdup (g_object_get_data (G_OBJECT (dialog), "aside-path"));
  g_autoptr(GError) error = g_error_copy (g_object_get_data (G_OBJECT (dialog), "error"));

  self->replace_dialog = NULL;
  if (g_strcmp0 (response, "replace") != 0)
    {
      show_error_strip (self, error);
      return;
    }
  close_store (self);
  xa_session_sync_replacing (self->session, aside);
}

static void
ask_to_replace (XaWindow     *self,
                const GError *error)
{
  g_autofree char *owner = self->store != NULL ? xa_store_dup_server (self->store) : NULL;
  const char *server_url = xa_session_get_server_url (self->session);
  g_autofree char *aside = xa_store_aside_path (self->store_path, "bak");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the records file, the server its records came from, the server chosen
   * now, the name the file is kept under, and the server chosen now again. */
  body = g_strdup_printf (_("The records file %s holds the records of the server at %s. To "
                            "sync from %s instead, that file is kept as %s, with nothing "
                            "deleted, and a new records file is filled from %s."),
                          self->store_path, owner != NULL ? owner : "?", server_url, aside,
                          server_url);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Records on This Computer?"),
                                   body);
  xa_message_dialog_add_answer (ADW_MESSAGE_DIALOG (dialog), "replace", _("_Replace"),
                                ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "aside-path", g_steal_pointer (&aside), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "error", g_error_copy (error),
                          (GDestroyNotify) g_error_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  self->replace_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Handles what is wrong with the records file itself: damage (moved aside, the damage
 * page) or another server's records (asks to replace them). FALSE for any other error. */
static gboolean
handle_store_error (XaWindow     *self,
                    const GError *error)
{
  if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_DAMAGED))
    {
      show_damage (self, error);
      return TRUE;
    }
  /* The demo's own store is started afresh by the session; only a bureau's records need
   * asking about. */
  if (g_error_matches (error, XA_STORE_ERROR, XA_STORE_ERROR_OTHER_SERVER)
      && !xa_session_get_demo (self->session))
    {
      ask_to_replace (self, error);
      return TRUE;
    }
  return FALSE;
}

static gboolean
xa_window_close_request (GtkWindow *window)
{
  XaWindow *self = XA_WINDOW (window);
  int width, height;

  /* Closed during a meeting (Ctrl+W, Ctrl+Q): the window's own size, page and view are
   * kept, not the projector's. */
  xa_presentation_stop (self->presentation);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  xa_map_view_save_state (self->map_view);
  xa_session_cancel_sync (self->session);

  return GTK_WINDOW_CLASS (xa_window_parent_class)->close_request (window);
}

static void
application_changed_cb (XaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->session != NULL)
    xa_session_set_application (self->session, XA_IS_APPLICATION (app)
                                                ? XA_APPLICATION (app) : NULL);
}

/* A meeting pack is shown as it is: no sync, however the settings ask for one (there is no
 * network in the meeting room, and a pack never syncs); its own tiles; its agenda the
 * current one, for presentation mode. */
static void
enter_meeting_pack (XaWindow *self)
{
  gint64 agenda_id = 0;

  xa_session_set_auto_sync_interval (self->session, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-decisions", FALSE);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->sync_button_stack)), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->meeting_pack_label), TRUE);
  xa_map_view_set_basemap_file (self->map_view, self->store_path);
  if (xa_meeting_pack_check (self->store_path, &agenda_id, NULL, NULL))
    g_settings_set_int64 (self->settings, "current-agenda", agenda_id);
  update_subtitle (self);
}

static void
xa_window_constructed (GObject *object)
{
  XaWindow *self = XA_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (xa_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (self->store_path == NULL)
    self->store_path = xa_store_default_path ();
  self->meeting_pack = xa_meeting_pack_is_pack (self->store_path);
  self->session = xa_session_new (XA_IS_APPLICATION (app) ? XA_APPLICATION (app) : NULL,
                                  self->settings, self->store_path);
  g_signal_connect_swapped (self->session, "notify::state", G_CALLBACK (session_state_cb),
                            self);
  g_signal_connect_swapped (self->session, "notify::store-path",
                            G_CALLBACK (store_path_changed_cb), self);
  g_signal_connect_swapped (self->session, "notify::server-url", G_CALLBACK (update_subtitle),
                            self);
  g_signal_connect_swapped (self->session, "notify::demo", G_CALLBACK (update_subtitle), self);
  g_signal_connect (self->session, "progress", G_CALLBACK (sync_progress_cb), self);
  g_signal_connect (self->session, "finished", G_CALLBACK (session_finished_cb), self);
  g_signal_connect_swapped (self->session, "release-store", G_CALLBACK (close_store), self);
  g_signal_connect_swapped (self->session, "records-changed",
                            G_CALLBACK (session_records_changed_cb), self);
  g_signal_connect (self->session, "keyring-failed", G_CALLBACK (keyring_failed_cb), self);
  /* GtkWindow sets "application" after constructed(): the demo needs it. */
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);

  reload (self);
  g_signal_connect_swapped (self->settings, "changed::reassessment-interval",
                            G_CALLBACK (update_figures), self);
  g_signal_connect_swapped (self->map_view, "notify::district", G_CALLBACK (update_figures),
                            self);
  g_signal_connect_swapped (self->map_view, "notify::district",
                            G_CALLBACK (update_elevator_district), self);
  g_signal_connect_swapped (self->elevator_list, "compound-selected",
                            G_CALLBACK (elevator_compound_selected_cb), self);
  g_signal_connect_swapped (self->elevator_list, "compound-activated",
                            G_CALLBACK (elevator_compound_activated_cb), self);
  g_signal_connect_swapped (self->map_view, "notify::district",
                            G_CALLBACK (district_changed_cb), self);
  g_signal_connect_swapped (self->city_summary, "district-activated",
                            G_CALLBACK (dashboard_district_cb), self);
  g_signal_connect_swapped (self->city_summary, "figure-activated",
                            G_CALLBACK (figure_activated_cb), self);
  if (self->meeting_pack)
    enter_meeting_pack (self);
  else
    xa_session_start (self->session);
}

static void
xa_window_dispose (GObject *object)
{
  XaWindow *self = XA_WINDOW (object);

  /* What the session still runs ends without the window. */
  if (self->session != NULL)
    {
      xa_session_shutdown (self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_clear_object (&self->session);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->map_view != NULL)
    g_signal_handlers_disconnect_by_data (self->map_view, self);
  if (self->elevator_list != NULL)
    g_signal_handlers_disconnect_by_data (self->elevator_list, self);
  g_clear_object (&self->view_export);
  if (self->presentation != NULL)
    g_signal_handlers_disconnect_by_data (self->presentation, self);
  g_clear_object (&self->presentation);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
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
  g_free (self->damaged_aside_path);

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
      /* Construct-only: the session, made in constructed(), starts from it. */
      self->store_path = g_value_dup_string (value);
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
  g_type_ensure (XA_TYPE_ELEVATOR_LIST);
  g_type_ensure (XA_TYPE_PROBLEM_LEDGER);
  g_type_ensure (XA_TYPE_AGENDA_PAGE);
  g_type_ensure (XA_TYPE_MAP_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xiaoquatlas/XiaoquAtlas/xa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, edits_section);
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
  gtk_widget_class_bind_template_child (widget_class, XaWindow, meeting_pack_label);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, city_summary);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, elevator_list);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, problem_ledger);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, agenda_page);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, error_detail_label);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, damaged_page);
  gtk_widget_class_bind_template_child (widget_class, XaWindow, damaged_detail_label);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, cancel_sync_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL,
                                   open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.unsent-edits", NULL,
                                   unsent_edits_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   preferences_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  xa_meeting_pack_actions_install (widget_class);
  gtk_widget_class_install_action (widget_class, "win.map-search", NULL, map_search_action);
  gtk_widget_class_install_action (widget_class, "win.map-overlay", "s", map_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.map-toggle-sidebar", NULL,
                                   map_toggle_sidebar_action);
  xa_presentation_actions_install (widget_class);
  for (guint i = 0; xa_view_export_actions[i][0] != NULL; i++)
    gtk_widget_class_install_action (widget_class, xa_view_export_actions[i][0],
                                     xa_view_export_actions[i][1], view_export_action);
  for (guint i = 0; agenda_actions[i][0] != NULL; i++)
    gtk_widget_class_install_action (widget_class, agenda_actions[i][0], agenda_actions[i][1],
                                     agenda_action);
}

static void
xa_window_init (XaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  xa_tooltips_fit_language ();

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  /* The window's map actions forward to the map view's own (F9 and the header's sidebar
   * button) only while the records are shown: see show_page(). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-overlay", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-toggle-sidebar", FALSE);
  g_object_bind_property (self->map_view, "sidebar-shown", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  self->view_export = xa_view_export_new (GTK_WIDGET (self), self->main_stack, self->view_stack,
                                          self->elevator_list, self->problem_ledger,
                                          xa_map_view_get_compound_list (self->map_view),
                                          self->settings);
  {
    GtkWidget *chrome[] = { self->header_bar, GTK_WIDGET (self->progress_revealer),
                            GTK_WIDGET (self->error_revealer), GTK_WIDGET (self->switcher_bar),
                            NULL };

    self->presentation = xa_presentation_new (GTK_WINDOW (self), chrome, self->view_stack,
                                              self->map_view, self->settings);
    xa_presentation_actions_follow (self);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present-agenda", FALSE);
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

  xa_session_set_server (self->session, server_url, token);
}

void
xa_window_reload_records (XaWindow *self)
{
  g_return_if_fail (XA_IS_WINDOW (self));

  session_records_changed_cb (self);
}

gboolean
xa_window_get_meeting_pack (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), FALSE);

  return self->meeting_pack;
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

  return xa_session_get_state (self->session) == XA_SESSION_STATE_SYNCING
         || xa_session_get_state (self->session) == XA_SESSION_STATE_STARTING_DEMO
         || gtk_revealer_get_reveal_child (self->progress_revealer);
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

  return xa_session_get_server_url (self->session);
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

GtkButton *
_xa_window_get_error_button (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->error_button;
}

XaCitySummary *
_xa_window_get_city_summary (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->city_summary;
}

XaElevatorList *
_xa_window_get_elevator_list (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->elevator_list;
}

XaProblemLedger *
_xa_window_get_problem_ledger (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->problem_ledger;
}

XaAgendaPage *
_xa_window_get_agenda_page (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->agenda_page;
}

XaSession *
xa_window_get_session (XaWindow *self)
{
  g_return_val_if_fail (XA_IS_WINDOW (self), NULL);

  return self->session;
}
