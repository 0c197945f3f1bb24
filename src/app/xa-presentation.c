/* xa-presentation.c — see xa-presentation.h. What the window looked like before (size,
 * maximized, the page shown, the chrome's visibility) is kept when presenting starts and
 * put back when it ends; the map view keeps its own (sidebar, list, district filter,
 * selection, view). The keys are read by a controller in the capture phase on the window,
 * so a clicker works wherever the focus is, and only while presenting. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-decision-dialog.h"
#include "xa-format.h"
#include "xa-message-dialogs.h"
#include "xa-minutes-pdf.h"
#include "xa-presentation.h"
#include "xa-presentation-card.h"
#include "xa-store-agendas.h"
#include "xa-web-address.h"

struct _XaPresentation
{
  GObject             parent_instance;

  GtkWindow          *window;       /* not a reference: the window owns this object */
  GPtrArray          *chrome;       /* GtkWidget (not references), hidden while presenting */
  AdwViewStack       *view_stack;
  XaMapView          *map_view;
  GSettings          *settings;
  XaStore            *store;
  char               *server_url;

  /* Over the map: the progress line, the card, the black screen. */
  GtkWidget          *status_box;
  GtkLabel           *progress_label;
  GtkLabel           *clock_label;
  GtkLabel           *synced_label;
  GtkWidget          *card_scroller;
  XaPresentationCard *card;
  GtkWidget          *blackout;
  GtkWindow          *dialog;
  GtkEventController *keys;

  gboolean            active;
  XaAgenda           *agenda;
  int                 position;     /* -1: the overview */
  gint64              started;      /* unix seconds */
  guint               n_decisions;
  guint               clock_id;
  guint               refit_id;
  guint               refit_frames;

  /* The window before presenting. */
  int                 width, height;
  gboolean            maximized;
  char               *page;
  GArray             *chrome_visible;  /* gboolean per chrome widget */
  /* The widget that had the keyboard focus: given it back, so GTK does not pick the first
   * focusable one itself (a selectable label, all its text then shown selected). */
  GWeakRef            focus;
};

G_DEFINE_FINAL_TYPE (XaPresentation, xa_presentation, G_TYPE_OBJECT)

enum
{
  STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_items (XaPresentation *self)
{
  return self->agenda != NULL ? xa_agenda_get_n_items (self->agenda) : 0;
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
update_clock (XaPresentation *self)
{
  gint64 elapsed = MAX (0, now () - self->started);
  g_autofree char *text = NULL;

  /* Translators: the time since the meeting started, hours:minutes:seconds. */
  text = g_strdup_printf (_("%d:%02d:%02d since the start"), (int) (elapsed / 3600),
                          (int) (elapsed / 60 % 60), (int) (elapsed % 60));
  gtk_label_set_label (self->clock_label, text);
}

static gboolean
clock_cb (gpointer user_data)
{
  update_clock (user_data);
  return G_SOURCE_CONTINUE;
}

/* The data is as old as the last sync: the room PC is often offline. */
static void
update_synced (XaPresentation *self)
{
  g_autofree char *server = NULL;
  g_autofree char *text = NULL;
  gint64 last = 0;

  if (self->store != NULL && self->server_url != NULL)
    {
      server = xa_web_address_normalize (self->server_url);
      last = xa_store_get_last_sync (self->store, server);
    }
  if (last > 0)
    {
      g_autofree char *time = xa_format_date_time (last);

      /* Translators: in presentation mode; %s is a date and time. */
      text = g_strdup_printf (_("Data as of %s"), time);
    }
  else
    text = g_strdup (_("Data never synced"));
  gtk_label_set_label (self->synced_label, text);
}

static void
reload_card (XaPresentation *self)
{
  g_autoptr(GPtrArray) decisions = NULL;
  XaAgendaItem *item;

  item = xa_agenda_peek_item (self->agenda, (guint) self->position);
  if (xa_agenda_get_id (self->agenda) > 0)
    decisions = xa_store_list_decisions (self->store, xa_agenda_get_id (self->agenda), NULL);
  xa_presentation_card_show (self->card, self->store, item, decisions, now ());
}

/* Shows item @position, or the overview for -1. */
static void
show_position (XaPresentation *self,
               int             position)
{
  g_autofree char *progress = NULL;
  const char *name = self->agenda != NULL ? xa_agenda_get_name (self->agenda) : NULL;

  self->position = position;
  gtk_widget_set_visible (self->blackout, FALSE);
  if (position < 0)
    {
      gtk_widget_set_visible (self->card_scroller, FALSE);
      xa_map_view_show_city (self->map_view);
      progress = name != NULL
        /* Translators: the progress line in the overview; %1$s the agenda's name, %2$u the
         * number of compounds on it. */
        ? g_strdup_printf (ngettext ("%1$s · overview · %2$u compound",
                                     "%1$s · overview · %2$u compounds", n_items (self)),
                           name, n_items (self))
        : g_strdup (_("Overview"));
    }
  else
    {
      XaAgendaItem *item = xa_agenda_peek_item (self->agenda, (guint) position);

      xa_map_view_select_compound (self->map_view, xa_agenda_item_get_compound_id (item));
      reload_card (self);
      gtk_widget_set_visible (self->card_scroller, TRUE);
      /* Translators: the progress line, "3 / 12 · agenda name". */
      progress = g_strdup_printf (_("%1$d / %2$u · %3$s"), position + 1, n_items (self), name);
    }
  gtk_label_set_label (self->progress_label, progress);
}

static void
step (XaPresentation *self,
      int             delta)
{
  int last = (int) n_items (self) - 1;
  int position = CLAMP (self->position + delta, -1, last);

  if (gtk_widget_get_visible (self->blackout))
    {
      /* The first key after a black screen brings the picture back where it was. */
      gtk_widget_set_visible (self->blackout, FALSE);
      return;
    }
  if (position != self->position)
    show_position (self, position);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                XaPresentation        *self)
{
  if (!self->active || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      show_position (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
    case GDK_KEY_KP_Decimal:
      gtk_widget_set_visible (self->blackout, !gtk_widget_get_visible (self->blackout));
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
    case GDK_KEY_F5:
      xa_presentation_stop (self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* The monitor of the "presentation-monitor" setting; else another than the window's (the
 * projector beside the laptop); else the window's. A new reference, or NULL. */
static GdkMonitor *
choose_monitor (XaPresentation *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->window));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->window));
  g_autofree char *wanted = g_settings_get_string (self->settings, "presentation-monitor");
  GdkMonitor *current = NULL;
  guint n = g_list_model_get_n_items (monitors);

  if (surface != NULL)
    current = gdk_display_get_monitor_at_surface (display, surface);
  for (guint i = 0; i < n && *wanted != '\0'; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (g_strcmp0 (gdk_monitor_get_connector (monitor), wanted) == 0)
        return g_steal_pointer (&monitor);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != current)
        return g_steal_pointer (&monitor);
    }
  if (current != NULL)
    return g_object_ref (current);
  return n > 0 ? g_list_model_get_item (monitors, 0) : NULL;
}

/* The overview fitted again once the large type is laid out: the legend and the progress
 * line, which the fit keeps clear of, have grown since entering. */
static gboolean
refit_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  XaPresentation *self = user_data;

  if (++self->refit_frames < 2)
    return G_SOURCE_CONTINUE;
  self->refit_id = 0;
  if (self->active && self->position < 0)
    xa_map_view_show_city (self->map_view);
  return G_SOURCE_REMOVE;
}

/* How much larger the compounds and their counts are drawn: at 1920×1080 the cluster
 * digits go from 8 px to about 27 px tall, legible from five metres; a smaller picture gets
 * them in proportion, or the city would not fit on it. */
static double
type_scale (GdkMonitor *monitor)
{
  GdkRectangle geometry;

  if (monitor == NULL)
    return 4.0;
  gdk_monitor_get_geometry (monitor, &geometry);
  return CLAMP (4.0 * geometry.height / 1080.0, 2.0, 4.0);
}

static void
enter (XaPresentation *self)
{
  g_autoptr(GdkMonitor) monitor = NULL;

  /* GTK 4 keeps the default size up to date as the user resizes the window. */
  gtk_window_get_default_size (self->window, &self->width, &self->height);
  self->maximized = gtk_window_is_maximized (self->window);
  g_free (self->page);
  self->page = g_strdup (adw_view_stack_get_visible_child_name (self->view_stack));
  g_weak_ref_set (&self->focus, gtk_window_get_focus (self->window));
  g_array_set_size (self->chrome_visible, 0);
  for (guint i = 0; i < self->chrome->len; i++)
    {
      gboolean visible = gtk_widget_get_visible (self->chrome->pdata[i]);

      g_array_append_val (self->chrome_visible, visible);
      gtk_widget_set_visible (self->chrome->pdata[i], FALSE);
    }

  monitor = choose_monitor (self);
  gtk_widget_add_css_class (GTK_WIDGET (self->window), "presentation");
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  xa_map_view_set_presenting (self->map_view, TRUE, type_scale (monitor));
  gtk_widget_set_visible (self->status_box, TRUE);
  self->active = TRUE;
  self->started = now ();
  self->n_decisions = 0;
  update_clock (self);
  update_synced (self);
  self->clock_id = g_timeout_add_seconds (1, clock_cb, self);

  if (monitor != NULL)
    {
      GdkRectangle geometry;

      /* Without a window manager (a kiosk, a test) fullscreen is only a wish: the size of
       * the monitor makes it true there too. */
      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (self->window, geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (self->window, monitor);
    }
  else
    gtk_window_fullscreen (self->window);
  show_position (self, -1);
  self->refit_frames = 0;
  if (self->refit_id == 0)
    self->refit_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->window), refit_tick_cb,
                                                   self, NULL);
  /* Nothing of the page left focused behind the chrome: the keys are the presenter's. */
  gtk_window_set_focus (self->window, NULL);
}

gboolean
xa_presentation_start (XaPresentation  *self,
                       gint64           agenda_id,
                       GError         **error)
{
  g_autoptr(XaAgenda) agenda = NULL;

  g_return_val_if_fail (XA_IS_PRESENTATION (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                           _("There are no records to present yet."));
      return FALSE;
    }
  if (agenda_id > 0)
    {
      agenda = xa_store_load_agenda (self->store, agenda_id, error);
      if (agenda == NULL)
        return FALSE;
    }
  g_set_object (&self->agenda, agenda);
  if (self->active)
    show_position (self, -1);
  else
    enter (self);
  return TRUE;
}

/* The focus as it was before presenting, if that widget is still in the window and can
 * take it; else the visible page itself, which draws no selection. */
static void
restore_focus (XaPresentation *self)
{
  g_autoptr(GtkWidget) focus = g_weak_ref_get (&self->focus);

  g_weak_ref_set (&self->focus, NULL);
  if (focus != NULL && gtk_widget_get_root (focus) == GTK_ROOT (self->window) &&
      gtk_widget_grab_focus (focus))
    return;
  gtk_window_set_focus (self->window, NULL);
  gtk_widget_grab_focus (adw_view_stack_get_visible_child (self->view_stack));
}

void
xa_presentation_stop (XaPresentation *self)
{
  g_return_if_fail (XA_IS_PRESENTATION (self));

  if (!self->active)
    return;
  self->active = FALSE;
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->refit_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->window), self->refit_id);
  self->refit_id = 0;
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  gtk_window_unfullscreen (self->window);
  gtk_window_set_default_size (self->window, self->width, self->height);
  if (self->maximized)
    gtk_window_maximize (self->window);
  gtk_widget_set_visible (self->status_box, FALSE);
  gtk_widget_set_visible (self->card_scroller, FALSE);
  gtk_widget_set_visible (self->blackout, FALSE);
  xa_map_view_set_presenting (self->map_view, FALSE, 1.0);
  if (self->page != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, self->page);
  gtk_widget_remove_css_class (GTK_WIDGET (self->window), "presentation");
  for (guint i = 0; i < self->chrome->len && i < self->chrome_visible->len; i++)
    gtk_widget_set_visible (self->chrome->pdata[i],
                            g_array_index (self->chrome_visible, gboolean, i));
  restore_focus (self);
  g_signal_emit (self, signals[STOPPED], 0, self->n_decisions);
}

/* ---- Decisions ---- */

static void
decision_response_cb (XaDecisionDialog *dialog,
                      const char       *response,
                      XaPresentation   *self)
{
  g_autoptr(XaAgendaDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  XaProblemEdit edit;

  self->dialog = NULL;
  /* Whoever answered (a button, Escape, a test), the dialog goes: the presenter's keys
   * are the window's again. */
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  if (g_strcmp0 (response, "decide") != 0 || !self->active || self->position < 0)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  xa_decision_dialog_get_edit (dialog, &edit);
  /* A decision belongs to a saved agenda's minutes. */
  if (xa_agenda_get_id (self->agenda) == 0 &&
      !xa_store_save_agenda (self->store, self->agenda, &error))
    {
      gtk_window_present (GTK_WINDOW (xa_message_dialog_new_error (
        self->window, _("Could Not Save the Agenda"), error->message)));
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  decision = xa_store_decide (self->store, xa_agenda_get_id (self->agenda),
                              xa_presentation_card_get_compound_id (self->card),
                              xa_decision_dialog_get_problem_id (dialog),
                              xa_decision_dialog_get_kind (dialog), &edit, now (), &error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (decision == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s Nothing was changed."), error->message);

      gtk_window_present (GTK_WINDOW (xa_message_dialog_new_error (
        self->window, _("Could Not Record the Decision"), text)));
      return;
    }
  self->n_decisions++;
  reload_card (self);
}

static void
decide_cb (XaPresentationCard *card,
           const char         *problem_id,
           int                 kind,
           XaPresentation     *self)
{
  g_autoptr(XaProblem) problem = xa_store_get_problem (self->store, problem_id);
  XaDecisionDialog *dialog;

  if (problem == NULL || self->dialog != NULL)
    return;
  dialog = xa_decision_dialog_new (self->window, problem, (XaDecisionKind) kind);
  g_signal_connect (dialog, "response", G_CALLBACK (decision_response_cb), self);
  self->dialog = GTK_WINDOW (dialog);
  gtk_window_present (self->dialog);
}

gboolean
xa_presentation_save_minutes (XaPresentation  *self,
                              const char      *output,
                              GError         **error)
{
  g_return_val_if_fail (XA_IS_PRESENTATION (self), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  if (self->agenda == NULL || xa_agenda_get_id (self->agenda) == 0 || self->store == NULL)
    {
      g_set_error_literal (error, XA_STORE_ERROR, XA_STORE_ERROR_SQL,
                           _("No agenda has been presented: open one with F5 first."));
      return FALSE;
    }
  return xa_minutes_pdf_write (self->store, self->agenda, self->started, output, error);
}

/* ---- Set-up ---- */

static GtkLabel *
status_label (GtkBox     *box,
              const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, style);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
build_overlays (XaPresentation *self)
{
  GtkEventController *key;
  GtkBox *box;

  box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  self->status_box = GTK_WIDGET (box);
  gtk_widget_set_halign (self->status_box, GTK_ALIGN_START);
  gtk_widget_set_valign (self->status_box, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->status_box, 24);
  gtk_widget_set_margin_top (self->status_box, 24);
  gtk_widget_add_css_class (self->status_box, "xa-presentation-status");
  gtk_widget_set_can_target (self->status_box, FALSE);
  self->progress_label = status_label (box, "xa-presentation-progress");
  self->clock_label = status_label (box, "xa-presentation-clock");
  self->synced_label = status_label (box, "xa-presentation-synced");
  gtk_widget_set_visible (self->status_box, FALSE);
  xa_map_view_add_overlay (self->map_view, self->status_box);

  self->card = XA_PRESENTATION_CARD (xa_presentation_card_new ());
  g_signal_connect (self->card, "decide", G_CALLBACK (decide_cb), self);
  self->card_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->card_scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->card_scroller),
                                                    TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->card_scroller),
                                 GTK_WIDGET (self->card));
  gtk_widget_set_halign (self->card_scroller, GTK_ALIGN_END);
  gtk_widget_set_valign (self->card_scroller, GTK_ALIGN_START);
  gtk_widget_set_margin_end (self->card_scroller, 24);
  gtk_widget_set_margin_top (self->card_scroller, 24);
  gtk_widget_set_margin_bottom (self->card_scroller, 24);
  gtk_widget_add_css_class (self->card_scroller, "xa-presentation-card-frame");
  gtk_widget_set_visible (self->card_scroller, FALSE);
  xa_map_view_add_overlay (self->map_view, self->card_scroller);

  self->blackout = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->blackout, "xa-blackout");
  gtk_widget_set_visible (self->blackout, FALSE);
  xa_map_view_add_overlay (self->map_view, self->blackout);

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->window), key);
  self->keys = key;
}

XaPresentation *
xa_presentation_new (GtkWindow     *window,
                     GtkWidget    **chrome,
                     AdwViewStack  *view_stack,
                     XaMapView     *map_view,
                     GSettings     *settings)
{
  XaPresentation *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (XA_TYPE_PRESENTATION, NULL);
  self->window = window;
  for (guint i = 0; chrome != NULL && chrome[i] != NULL; i++)
    g_ptr_array_add (self->chrome, chrome[i]);
  self->view_stack = view_stack;
  self->map_view = map_view;
  self->settings = g_object_ref (settings);
  build_overlays (self);
  return self;
}

void
xa_presentation_set_store (XaPresentation *self,
                           XaStore        *store,
                           const char     *server_url)
{
  g_return_if_fail (XA_IS_PRESENTATION (self));

  g_set_object (&self->store, store);
  g_free (self->server_url);
  self->server_url = g_strdup (server_url);
  if (self->active && store == NULL)
    xa_presentation_stop (self);
  else if (self->active)
    update_synced (self);
}

gboolean
xa_presentation_is_active (XaPresentation *self)
{
  g_return_val_if_fail (XA_IS_PRESENTATION (self), FALSE);

  return self->active;
}

XaAgenda *
xa_presentation_get_agenda (XaPresentation *self)
{
  g_return_val_if_fail (XA_IS_PRESENTATION (self), NULL);

  return self->agenda;
}

int
xa_presentation_get_position (XaPresentation *self)
{
  g_return_val_if_fail (XA_IS_PRESENTATION (self), -1);

  return self->position;
}

GtkWidget *
_xa_presentation_get_card (XaPresentation *self)
{
  return GTK_WIDGET (self->card);
}

gboolean
_xa_presentation_is_blanked (XaPresentation *self)
{
  return gtk_widget_get_visible (self->blackout);
}

const char *
_xa_presentation_get_progress (XaPresentation *self)
{
  return gtk_label_get_label (self->progress_label);
}

GtkWindow *
_xa_presentation_get_dialog (XaPresentation *self)
{
  return self->dialog;
}

static void
xa_presentation_dispose (GObject *object)
{
  XaPresentation *self = XA_PRESENTATION (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  /* The window outlives this object by a little in its own dispose: its keys come here no
   * more. */
  if (self->keys != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self->window), self->keys);
      self->keys = NULL;
    }
  if (self->refit_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->window), self->refit_id);
  self->refit_id = 0;
  g_clear_object (&self->store);
  g_clear_object (&self->agenda);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (xa_presentation_parent_class)->dispose (object);
}

static void
xa_presentation_finalize (GObject *object)
{
  XaPresentation *self = XA_PRESENTATION (object);

  g_ptr_array_unref (self->chrome);
  g_array_unref (self->chrome_visible);
  g_free (self->server_url);
  g_free (self->page);
  g_weak_ref_clear (&self->focus);

  G_OBJECT_CLASS (xa_presentation_parent_class)->finalize (object);
}

static void
xa_presentation_class_init (XaPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xa_presentation_dispose;
  object_class->finalize = xa_presentation_finalize;

  signals[STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
xa_presentation_init (XaPresentation *self)
{
  self->chrome = g_ptr_array_new ();
  self->chrome_visible = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->position = -1;
  g_weak_ref_init (&self->focus, NULL);
}
