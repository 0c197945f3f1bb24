/* xa-compound-layer-keyboard.c — XaCompoundLayer from the keyboard: Tab and Shift+Tab move a
 * focus ring over the compounds and clusters in view, in reading order, and let focus leave
 * the map past the last one; Enter or Space activates the ringed item, Escape drops the
 * ring, arrows pan, plus and minus zoom, Home shows every compound. The ring is drawn and
 * announced by xa-compound-layer.c; see xa-compound-layer-private.h. */
#include "config.h"

#include "xa-compound-layer-private.h"

#define TAB_ROW 48.0            /* Tab order reads rows of this height left to right */

static void
pan (XaCompoundLayer *self,
     double           dx,
     double           dy)
{
  XaCompoundView view;

  if (_xa_compound_layer_get_view (self, &view))
    xa_compound_view_pan (SHUMATE_LAYER (self), &view, dx, dy);
}

static void
set_focus_item (XaCompoundLayer      *self,
                const XaCompoundItem *item)
{
  self->has_focus_item = item != NULL;
  if (item != NULL)
    {
      self->focus_is_cluster = item->is_cluster;
      self->focus_index = item->index;
      self->focus_level = self->scene->frame_level;
    }
  _xa_compound_layer_update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const XaCompoundItem *
_xa_compound_layer_find_focus_item (XaCompoundLayer *self)
{
  if (!self->has_focus_item)
    return NULL;
  return xa_compound_scene_find_item (self->scene, self->focus_is_cluster, self->focus_index,
                                      self->focus_level);
}

gboolean
_xa_compound_layer_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  XaCompoundLayer *self = XA_COMPOUND_LAYER (widget);
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  g_autoptr(GArray) stops = NULL;
  const XaCompoundItem *current;
  XaCompoundView view;
  int next;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }
  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  xa_compound_scene_ensure_items (self->scene, &view);
  stops = xa_compound_scene_tab_order (self->scene, &view, TAB_ROW);
  current = gtk_widget_has_focus (widget) ? _xa_compound_layer_find_focus_item (self) : NULL;
  /* From the start (or the end) when arriving, or when the ring has left the view. */
  next = forward ? 0 : (int) stops->len - 1;
  for (guint i = 0; current != NULL && i < stops->len; i++)
    if (&g_array_index (self->scene->items, XaCompoundItem,
                        g_array_index (stops, guint, i)) == current)
      {
        next = forward ? (int) i + 1 : (int) i - 1;
        break;
      }

  if (next < 0 || next >= (int) stops->len)
    {
      /* Past the last compound (or none in view): let focus leave the map, unless it is
       * just arriving. */
      set_focus_item (self, NULL);
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }
  if (!gtk_widget_has_focus (widget))
    gtk_widget_grab_focus (widget);
  set_focus_item (self, &g_array_index (self->scene->items, XaCompoundItem,
                                        g_array_index (stops, guint, next)));
  return TRUE;
}

static gboolean
key_pressed_cb (XaCompoundLayer *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  const XaCompoundItem *item;
  XaCompoundView view;

  /* Ctrl+1…4, Ctrl+F and friends belong to the window. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      pan (self, -0.25, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      pan (self, 0.25, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      pan (self, 0, -0.25);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      pan (self, 0, 0.25);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      xa_compound_view_zoom_by (SHUMATE_LAYER (self), 1);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      xa_compound_view_zoom_by (SHUMATE_LAYER (self), -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      xa_compound_layer_fit_all (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (!self->has_focus_item)
        return FALSE;
      set_focus_item (self, NULL);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->scene->points == NULL || !_xa_compound_layer_get_view (self, &view))
        return FALSE;
      xa_compound_scene_ensure_items (self->scene, &view);
      if ((item = _xa_compound_layer_find_focus_item (self)) == NULL)
        return FALSE;
      {
        XaCompoundItem copy = *item;

        _xa_compound_layer_activate_item (self, &copy);
      }
      return TRUE;
    default:
      return FALSE;
    }
}

void
_xa_compound_layer_init_keyboard (XaCompoundLayer *self)
{
  GtkEventController *controller;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

const char *
_xa_compound_layer_get_focus_id (XaCompoundLayer *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LAYER (self), NULL);

  if (self->scene->points == NULL || !self->has_focus_item || self->focus_is_cluster)
    return NULL;
  return xa_compound_points_get (self->scene->points, self->focus_index)->id;
}
