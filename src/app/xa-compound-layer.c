/* xa-compound-layer.c — see xa-compound-layer.h.
 *
 * How a frame is drawn, and why it is fast enough for 100,000 compounds:
 * - Below XA_CLUSTER_MAX_ZOOM compounds are grouped into clusters, one level per whole zoom,
 *   on a grid fixed to the world so they stay put while panning (xa-compound-clusters.c).
 *   A cluster is a small pie of its band shares with the count in the middle: the share of
 *   red matters to a bureau more than the single worst compound, which would paint almost
 *   every city cluster red.
 * - Dots and cluster pies are pre-drawn textures, so each is one texture node and the GL
 *   renderer batches them (xa-compound-sprites.c); outlines are cairo tiles kept while the
 *   zoom stays (xa-compound-boundaries.c).
 * - The items and render node of a frame cover the view plus a margin; panning within it
 *   only translates the cached node (xa-compound-scene.c).
 * This file is the widget: it draws the scene's node with the selection and focus rings,
 * keeps the selection and the accessible name, fits and moves the view, and takes clicks,
 * hover and tooltips. Its XaCompoundKeyboard (xa-compound-keyboard.c) moves the focus ring
 * over the scene's items, the same ones that are drawn, and takes the keys. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-compound-layer.h"
#include "xa-compound-layer-private.h"
#include "xa-compound-keyboard.h"
#include "xa-compound-labels.h"
#include "xa-compound-scene.h"
#include "xa-overlay-style.h"

#define FOCUS_ZOOM 17.0         /* how close go_to() and Enter on a compound come */

struct _XaCompoundLayer
{
  ShumateLayer        parent_instance;

  /* The points, overlay and district filter, and the frame drawn of them. */
  XaCompoundScene    *scene;
  char               *selected_id;
  int                 selected;   /* point index, -1 for none */

  /* The focus ring and the keys. */
  XaCompoundKeyboard *keyboard;

  /* A fit asked for before the layer had a size, done at the first allocation. */
  gboolean            pending_fit;
  double              pending_box[4];  /* min lat, min lon, max lat, max lon */
  XaCompoundLayerMarginsFunc fit_margins;
  gpointer            fit_margins_data;
  guint               settle_tick;
};

G_DEFINE_FINAL_TYPE (XaCompoundLayer, xa_compound_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_SELECTED_ID,
  PROP_TYPE_SCALE,
  N_PROPS
};

enum
{
  COMPOUND_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* g_set_str() is GLib 2.76. */
static gboolean
set_string (char       **target,
            const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;
  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

static void
invalidate_frame (XaCompoundLayer *self)
{
  xa_compound_scene_invalidate (self->scene);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- The view ---- */

gboolean
_xa_compound_layer_get_view (XaCompoundLayer *self,
                             XaCompoundView  *view)
{
  double tile;

  if (!xa_compound_view_read (view, SHUMATE_LAYER (self), &tile))
    return FALSE;
  if (xa_compound_scene_set_tile_size (self->scene, tile))
    xa_compound_keyboard_forget (self->keyboard);
  return TRUE;
}

static void
viewport_notify_cb (XaCompoundLayer *self,
                    GParamSpec      *pspec,
                    ShumateViewport *viewport)
{
  if (self->pending_fit && shumate_viewport_get_reference_map_source (viewport) != NULL)
    xa_compound_layer_fit_box (self, self->pending_box[0], self->pending_box[1],
                               self->pending_box[2], self->pending_box[3], FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GtkWidget ---- */

static void
append_ring (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         r,
             float          width,
             const GdkRGBA *color)
{
  GskRoundedRect ring;

  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), r);
  gtk_snapshot_append_border (snapshot, &ring, (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

static gboolean
settle_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  XA_COMPOUND_LAYER (widget)->settle_tick = 0;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

static void
xa_compound_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (widget);
  XaCompoundScene *scene = self->scene;
  static const GdkRGBA white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };
  static const GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  const XaCompoundItem *focus;
  XaCompoundView view;

  if (scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
    return;
  xa_compound_scene_ensure_items (scene, &view);
  xa_compound_scene_ensure_node (scene);
  /* A frame built mid-zoom is redrawn complete once the zoom stops changing. */
  if (scene->frame_zooming && self->settle_tick == 0)
    self->settle_tick = gtk_widget_add_tick_callback (widget, settle_tick_cb, NULL, NULL);

  gtk_snapshot_save (snapshot);
  if (view.rotation != 0)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (view.w / 2, view.h / 2));
      gtk_snapshot_rotate (snapshot, view.rotation * 180 / G_PI);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-view.w / 2, -view.h / 2));
    }
  /* World pixels reach 1.3e8 at zoom 19, where a float steps by 8: positions are made
   * relative to the view's top left in double, and only the small rest goes to GTK. */
  if (scene->frame_node != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (scene->frame_x0 - view.x0,
                                                              scene->frame_y0 - view.y0));
      gtk_snapshot_append_node (snapshot, scene->frame_node);
      gtk_snapshot_restore (snapshot);
    }

  /* The selection shows at every zoom, even inside a cluster: a ring where it is. */
  if (self->selected >= 0)
    {
      const XaCompoundPoint *p = xa_compound_points_get (scene->points, self->selected);
      double x = p->x, y = p->y, r = xa_compound_scene_dot_radius (scene, p) + 6;

      /* Inside a cluster, the ring goes round the cluster. */
      if (scene->frame_level >= 0)
        {
          XaClusterLevel *level = xa_compound_clusters_peek_level (scene->clusters,
                                                                   scene->frame_level);
          const XaCluster *c = &level->clusters[level->cluster_of[self->selected]];

          const XaCompoundItem *item;

          if (c->n > 1)
            {
              x = c->x;
              y = c->y;
              r = xa_compound_scene_cluster_radius (scene, c->n) + 6;
            }
          /* Where the cluster is drawn, when it was moved apart from its neighbours. */
          item = xa_compound_scene_find_item (scene, c->n > 1,
                                              c->n > 1 ? level->cluster_of[self->selected]
                                                       : (guint) self->selected,
                                              scene->frame_level);
          if (item != NULL)
            {
              x = item->wx / view.world;
              y = item->wy / view.world;
            }
        }
      x = x * view.world - view.x0;
      y = y * view.world - view.y0;
      append_ring (snapshot, x, y, r + 2, 2, &white);
      append_ring (snapshot, x, y, r, 3, &black);
    }
  if (gtk_widget_has_focus (widget) &&
      (focus = xa_compound_keyboard_find_item (self->keyboard)) != NULL)
    {
      double x = focus->wx - view.x0, y = focus->wy - view.y0;

      append_ring (snapshot, x, y, focus->r + 9, 2, &white);
      append_ring (snapshot, x, y, focus->r + 7, 2.5, &accent);
    }
  gtk_snapshot_restore (snapshot);
}

static void
xa_compound_layer_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (widget);

  if (GTK_WIDGET_CLASS (xa_compound_layer_parent_class)->size_allocate != NULL)
    GTK_WIDGET_CLASS (xa_compound_layer_parent_class)->size_allocate (widget, width, height,
                                                                      baseline);
  self->scene->frame_valid = FALSE;
  if (self->pending_fit && width > 0 && height > 0)
    xa_compound_layer_fit_box (self, self->pending_box[0], self->pending_box[1],
                               self->pending_box[2], self->pending_box[3], FALSE);
}

static void
xa_compound_layer_system_setting_changed (GtkWidget        *widget,
                                          GtkSystemSetting  setting)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (widget);

  GTK_WIDGET_CLASS (xa_compound_layer_parent_class)->system_setting_changed (widget, setting);
  /* The counts on the cluster pies are text: a new font or text scale redraws them. */
  if (setting == GTK_SYSTEM_SETTING_DPI || setting == GTK_SYSTEM_SETTING_FONT_NAME ||
      setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    {
      xa_compound_scene_clear_textures (self->scene);
      invalidate_frame (self);
    }
}

/* ---- Selection and activation ---- */

static void
activate_point (XaCompoundLayer *self,
                guint            index)
{
  const XaCompoundPoint *p = xa_compound_points_get (self->scene->points, index);

  xa_compound_layer_set_selected_id (self, p->id);
  g_signal_emit (self, signals[COMPOUND_ACTIVATED], 0, p->id);
}

/* A cluster opens by zooming in until it splits. */
static void
open_cluster (XaCompoundLayer *self,
              guint            index)
{
  const XaCluster *c = xa_compound_scene_get_cluster (self->scene, index);
  double lat, lon;

  xa_mercator_to_location (c->x, c->y, &lat, &lon);
  xa_compound_view_move_to (SHUMATE_LAYER (self), lat, lon, self->scene->frame_level + 2);
}

void
_xa_compound_layer_activate_item (XaCompoundLayer      *self,
                                  const XaCompoundItem *item)
{
  if (item->is_cluster)
    open_cluster (self, item->index);
  else
    activate_point (self, item->index);
}

/* ---- Accessibility ---- */

/* Orca speaks a focused widget's new name, and GTK 4.8 has no other way to announce: the
 * label carries the compound under the keyboard ring, else the selected one. */
void
_xa_compound_layer_update_accessible_label (XaCompoundLayer *self)
{
  g_autofree char *label = NULL;
  XaClusterLevel *level;
  gboolean ring, ring_is_cluster = FALSE;
  guint ring_index = 0;
  int ring_level = -1, index = -1;

  ring = self->scene->points != NULL &&
         xa_compound_keyboard_get_ring (self->keyboard, &ring_is_cluster, &ring_index,
                                        &ring_level);
  if (ring && !ring_is_cluster)
    index = ring_index;
  else if (ring && ring_level >= 0 &&
           (level = xa_compound_clusters_peek_level (self->scene->clusters,
                                                     ring_level)) != NULL &&
           ring_index < level->n_clusters)
    label = xa_compound_labels_cluster_name (level->clusters[ring_index].n);
  else
    index = self->selected;

  if (label == NULL && index >= 0)
    label = xa_compound_labels_point_name (self->scene,
                                           xa_compound_points_get (self->scene->points, index));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Compound map"),
                                  -1);
}

/* ---- The pointer ----
 * Only dots and clusters catch it (elsewhere the map below pans and zooms), the cursor
 * turns to a hand over them, a tooltip names what is under the pointer (or under the
 * keyboard ring), and a primary click selects and activates a compound or opens a
 * cluster. */

/* The topmost item within reach of widget point @x, @y, or NULL. */
static const XaCompoundItem *
hit_test (XaCompoundLayer *self,
          double           x,
          double           y)
{
  XaCompoundView view;

  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
    return NULL;
  return xa_compound_scene_item_at (self->scene, &view, x, y);
}

static gboolean
xa_compound_layer_contains (GtkWidget *widget,
                            double     x,
                            double     y)
{
  /* Only dots and clusters catch the pointer; elsewhere the map below pans and zooms. */
  return hit_test (XA_COMPOUND_LAYER (widget), x, y) != NULL;
}

static gboolean
query_tooltip_cb (XaCompoundLayer *self,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip)
{
  const XaCompoundItem *item;
  g_autofree char *markup = NULL;

  if (keyboard_mode)
    {
      XaCompoundView view;

      if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
        return FALSE;
      xa_compound_scene_ensure_items (self->scene, &view);
      item = xa_compound_keyboard_find_item (self->keyboard);
    }
  else
    item = hit_test (self, x, y);
  if (item == NULL)
    return FALSE;
  markup = xa_compound_labels_item_tooltip (self->scene, item);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   XaCompoundLayer *self)
{
  if (n_press == 1 && _xa_compound_layer_click (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           XaCompoundLayer          *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hit_test (self, x, y) != NULL ? "pointer"
                                                                                   : NULL);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          XaCompoundLayer          *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
init_pointer (XaCompoundLayer *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);
}

gboolean
_xa_compound_layer_click (XaCompoundLayer *self,
                          double           x,
                          double           y)
{
  const XaCompoundItem *hit;
  XaCompoundItem item;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if ((hit = hit_test (self, x, y)) == NULL)
    return FALSE;
  item = *hit;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _xa_compound_layer_activate_item (self, &item);
  return TRUE;
}

char *
_xa_compound_layer_dup_tooltip (XaCompoundLayer *self,
                                double           x,
                                double           y)
{
  const XaCompoundItem *item;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  item = hit_test (self, x, y);
  return item != NULL ? xa_compound_labels_item_tooltip (self->scene, item) : NULL;
}


/* ---- GObject ---- */

static gboolean
xa_compound_layer_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  return xa_compound_keyboard_focus (XA_COMPOUND_LAYER (widget)->keyboard, direction);
}

static void
xa_compound_layer_constructed (GObject *object)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (xa_compound_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
xa_compound_layer_dispose (GObject *object)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  if (self->settle_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick);
  self->settle_tick = 0;
  xa_compound_scene_dispose (self->scene);

  G_OBJECT_CLASS (xa_compound_layer_parent_class)->dispose (object);
}

static void
xa_compound_layer_finalize (GObject *object)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->keyboard, xa_compound_keyboard_free);
  g_clear_pointer (&self->scene, xa_compound_scene_free);

  G_OBJECT_CLASS (xa_compound_layer_parent_class)->finalize (object);
}

static void
xa_compound_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_TYPE_SCALE:
      g_value_set_double (value, xa_compound_layer_get_type_scale (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_compound_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      xa_compound_layer_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_TYPE_SCALE:
      xa_compound_layer_set_type_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xa_compound_layer_class_init (XaCompoundLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = xa_compound_layer_constructed;
  object_class->dispose = xa_compound_layer_dispose;
  object_class->finalize = xa_compound_layer_finalize;
  object_class->get_property = xa_compound_layer_get_property;
  object_class->set_property = xa_compound_layer_set_property;

  widget_class->snapshot = xa_compound_layer_snapshot;
  widget_class->contains = xa_compound_layer_contains;
  widget_class->size_allocate = xa_compound_layer_size_allocate;
  widget_class->focus = xa_compound_layer_focus;
  widget_class->system_setting_changed = xa_compound_layer_system_setting_changed;

  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TYPE_SCALE] =
    g_param_spec_double ("type-scale", NULL, NULL, 1.0, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user picked a compound with a click or Enter; it is selected by then. */
  signals[COMPOUND_ACTIVATED] =
    g_signal_new ("compound-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* A panel of compounds the user moves through with Tab; GTK 4.8 has no "map" role. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
xa_compound_layer_init (XaCompoundLayer *self)
{
  self->scene = xa_compound_scene_new (GTK_WIDGET (self));
  self->selected = -1;

  init_pointer (self);
  self->keyboard = xa_compound_keyboard_new (self, self->scene);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compound map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Tab moves between the compounds in view, Enter selects one, "
                                    "arrow keys pan, plus and minus zoom, Home shows every "
                                    "compound"),
                                  -1);
}

/* ---- Public API ---- */

XaCompoundLayer *
xa_compound_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (XA_TYPE_COMPOUND_LAYER, "viewport", viewport, NULL);
}

void
xa_compound_layer_set_points (XaCompoundLayer  *self,
                              XaCompoundPoints *points)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));
  g_return_if_fail (points == NULL || XA_IS_COMPOUND_POINTS (points));

  if (!xa_compound_scene_set_points (self->scene, points))
    return;
  xa_compound_keyboard_forget (self->keyboard);
  self->selected = points != NULL ? xa_compound_points_find (points, self->selected_id) : -1;
  if (self->selected < 0 && self->selected_id != NULL)
    xa_compound_layer_set_selected_id (self, NULL);
  _xa_compound_layer_update_accessible_label (self);
  invalidate_frame (self);
}

XaCompoundPoints *
xa_compound_layer_get_points (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  return self->scene->points;
}

void
xa_compound_layer_set_overlay (XaCompoundLayer *self,
                               XaOverlay        overlay)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));
  g_return_if_fail (overlay < XA_N_OVERLAYS);

  if (!xa_compound_scene_set_overlay (self->scene, overlay))
    return;
  _xa_compound_layer_update_accessible_label (self);
  invalidate_frame (self);
}

XaOverlay
xa_compound_layer_get_overlay (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), XA_OVERLAY_FLOOD);

  return self->scene->overlay;
}

void
xa_compound_layer_set_district_filter (XaCompoundLayer *self,
                                       const char      *code_or_NULL)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  if (!xa_compound_scene_set_district_filter (self->scene, code_or_NULL))
    return;
  xa_compound_keyboard_forget (self->keyboard);
  invalidate_frame (self);
}

const char *
xa_compound_layer_get_district_filter (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  return self->scene->district_filter;
}

void
xa_compound_layer_set_selected_id (XaCompoundLayer *self,
                                   const char      *id_or_NULL)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  if (!set_string (&self->selected_id, id_or_NULL))
    return;
  self->selected = self->scene->points != NULL
                   ? xa_compound_points_find (self->scene->points, id_or_NULL) : -1;
  _xa_compound_layer_update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

const char *
xa_compound_layer_get_selected_id (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  return self->selected_id;
}

void
xa_compound_layer_set_fit_margins_func (XaCompoundLayer            *self,
                                        XaCompoundLayerMarginsFunc  func,
                                        gpointer                    user_data)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  self->fit_margins = func;
  self->fit_margins_data = user_data;
}

void
xa_compound_layer_fit_box (XaCompoundLayer *self,
                           double           min_lat,
                           double           min_lon,
                           double           max_lat,
                           double           max_lon,
                           gboolean         animate)
{
  GtkBorder margins = { 48, 48, 48, 48 };
  XaCompoundView view;

  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));
  g_return_if_fail (min_lat <= max_lat && min_lon <= max_lon);

  if (!_xa_compound_layer_get_view (self, &view))
    {
      self->pending_fit = TRUE;
      self->pending_box[0] = min_lat;
      self->pending_box[1] = min_lon;
      self->pending_box[2] = max_lat;
      self->pending_box[3] = max_lon;
      return;
    }
  self->pending_fit = FALSE;
  if (self->fit_margins != NULL)
    self->fit_margins (self, &margins, self->fit_margins_data);
  /* A city of one compound would otherwise fill the view with it. */
  xa_compound_view_fit (SHUMATE_LAYER (self), &view, self->scene->tile_size,
                        min_lat, min_lon, max_lat, max_lon, &margins, FOCUS_ZOOM, animate);
}

void
xa_compound_layer_fit_all (XaCompoundLayer *self)
{
  double min_lat, min_lon, max_lat, max_lon;

  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  if (self->scene->points != NULL &&
      xa_compound_points_get_bounds (self->scene->points, &min_lat, &min_lon, &max_lat, &max_lon))
    xa_compound_layer_fit_box (self, min_lat, min_lon, max_lat, max_lon, TRUE);
}

gboolean
xa_compound_layer_go_to (XaCompoundLayer *self,
                         const char      *id)
{
  ShumateViewport *viewport;
  const XaCompoundPoint *p;
  double zoom;
  int index;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if (self->scene->points == NULL ||
      (index = xa_compound_points_find (self->scene->points, id)) < 0)
    return FALSE;
  p = xa_compound_points_get (self->scene->points, index);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  zoom = shumate_viewport_get_zoom_level (viewport);
  /* Below the cluster limit it would hide in a cluster: come close enough to see it. */
  xa_compound_view_move_to (SHUMATE_LAYER (self), p->lat, p->lon,
                            zoom < XA_CLUSTER_MAX_ZOOM - 0.5 ? FOCUS_ZOOM : zoom);
  return TRUE;
}

/* ---- Private API ---- */

gboolean
_xa_compound_layer_locate (XaCompoundLayer *self,
                           const char      *id,
                           double          *x,
                           double          *y)
{
  const XaCompoundItem *item;
  XaCompoundView view;
  int index;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view) ||
      (index = xa_compound_points_find (self->scene->points, id)) < 0)
    return FALSE;
  xa_compound_scene_ensure_items (self->scene, &view);
  item = xa_compound_scene_find_item (self->scene, FALSE, index, -1);
  return item != NULL && xa_compound_view_shows (&view, item->wx, item->wy, x, y);
}

gboolean
_xa_compound_layer_locate_cluster (XaCompoundLayer *self,
                                   double          *x,
                                   double          *y,
                                   guint           *count)
{
  XaCompoundView view;
  guint best = 0;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), FALSE);

  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
    return FALSE;
  xa_compound_scene_ensure_items (self->scene, &view);
  /* The largest one: the easiest to find in a screenshot. */
  for (guint i = 0; i < self->scene->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->scene->items, XaCompoundItem, i);
      const XaCluster *c;
      double ix, iy;

      if (!item->is_cluster ||
          !xa_compound_view_shows (&view, item->wx, item->wy, &ix, &iy))
        continue;
      c = xa_compound_scene_get_cluster (self->scene, item->index);
      if (c->n > best)
        {
          best = c->n;
          *x = ix;
          *y = iy;
          *count = c->n;
        }
    }
  return best > 0;
}

void
_xa_compound_layer_count_visible (XaCompoundLayer *self,
                                  guint           *dots,
                                  guint           *clusters)
{
  XaCompoundView view;

  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));

  *dots = *clusters = 0;
  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
    return;
  xa_compound_scene_ensure_items (self->scene, &view);
  for (guint i = 0; i < self->scene->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->scene->items, XaCompoundItem, i);
      double x, y;

      if (xa_compound_view_shows (&view, item->wx, item->wy, &x, &y))
        (*(item->is_cluster ? clusters : dots))++;
    }
}


GArray *
_xa_compound_layer_dup_plates (XaCompoundLayer *self)
{
  GArray *plates = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  XaCompoundView view;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), plates);

  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
    return plates;
  xa_compound_scene_ensure_items (self->scene, &view);
  for (guint i = 0; i < self->scene->labels->len; i++)
    {
      const XaCompoundLabel *l = &g_array_index (self->scene->labels, XaCompoundLabel, i);
      graphene_rect_t rect = GRAPHENE_RECT_INIT (l->wx - view.x0, l->wy - view.y0, l->w, l->h);

      if (rect.origin.x + rect.size.width > 0 && rect.origin.y + rect.size.height > 0 &&
          rect.origin.x < view.w && rect.origin.y < view.h)
        g_array_append_val (plates, rect);
    }
  return plates;
}

GArray *
_xa_compound_layer_dup_marks (XaCompoundLayer *self)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (graphene_point3d_t));
  XaCompoundView view;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), marks);

  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
    return marks;
  xa_compound_scene_ensure_items (self->scene, &view);
  for (guint i = 0; i < self->scene->items->len; i++)
    {
      const XaCompoundItem *item = &g_array_index (self->scene->items, XaCompoundItem, i);
      graphene_point3d_t mark;
      double x, y;

      if (!xa_compound_view_shows (&view, item->wx, item->wy, &x, &y))
        continue;
      /* The sprites are drawn 1.5 px wider than the radius, for their outline. */
      graphene_point3d_init (&mark, x, y, item->r + 1.5);
      g_array_append_val (marks, mark);
    }
  return marks;
}

XaCompoundScene *
_xa_compound_layer_get_scene (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  return self->scene;
}

const char *
_xa_compound_layer_get_focus_id (XaCompoundLayer *self)
{
  gboolean is_cluster;
  guint index;
  int level;

  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  if (self->scene->points == NULL ||
      !xa_compound_keyboard_get_ring (self->keyboard, &is_cluster, &index, &level) || is_cluster)
    return NULL;
  return xa_compound_points_get (self->scene->points, index)->id;
}

void
xa_compound_layer_set_type_scale (XaCompoundLayer *self,
                                  double           type_scale)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));
  g_return_if_fail (type_scale >= 1.0 && type_scale <= 4.0);

  if (!xa_compound_scene_set_magnification (self->scene, type_scale))
    return;
  xa_compound_scene_invalidate (self->scene);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE_SCALE]);
}

void
xa_compound_layer_set_label_keep_out (XaCompoundLayer       *self,
                                      const graphene_rect_t *rects,
                                      guint                  n_rects)
{
  g_return_if_fail (XA_IS_COMPOUND_LAYER (self));
  g_return_if_fail (rects != NULL || n_rects == 0);

  if (!xa_compound_scene_set_label_keep_out (self->scene, rects, n_rects))
    return;
  xa_compound_scene_invalidate (self->scene);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
xa_compound_layer_get_type_scale (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), 1.0);

  return xa_compound_sprites_get_magnification (self->scene->sprites);
}
