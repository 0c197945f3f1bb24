/* xa-compound-keyboard.c — see xa-compound-keyboard.h. Tab and Shift+Tab move the ring
 * over the compounds and clusters in view, in reading order, and let focus leave the map
 * past the last one; Enter or Space activates the ringed item, Escape drops the ring,
 * arrows pan, plus and minus zoom, Home shows every compound. The layer draws and names
 * the ring; this object only says where it is. */
#include "config.h"

#include "xa-compound-keyboard.h"
#include "xa-compound-layer-private.h"

#define TAB_ROW 48.0            /* Tab order reads rows of this height left to right */

struct _XaCompoundKeyboard
{
  XaCompoundLayer *layer;       /* the owner: not a reference */
  XaCompoundScene *scene;       /* the layer's: not owned */

  /* The ring: on point or cluster @index of the frame at cluster level @level. */
  gboolean         has_item;
  gboolean         is_cluster;
  guint            index;
  int              level;
};

static void
pan (XaCompoundKeyboard *self,
     double              dx,
     double              dy)
{
  XaCompoundView view;

  if (_xa_compound_layer_get_view (self->layer, &view))
    xa_compound_view_pan (SHUMATE_LAYER (self->layer), &view, dx, dy);
}

static void
set_focus_item (XaCompoundKeyboard   *self,
                const XaCompoundItem *item)
{
  self->has_item = item != NULL;
  if (item != NULL)
    {
      self->is_cluster = item->is_cluster;
      self->index = item->index;
      self->level = self->scene->frame_level;
    }
  _xa_compound_layer_update_accessible_label (self->layer);
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

const XaCompoundItem *
xa_compound_keyboard_find_item (XaCompoundKeyboard *self)
{
  if (!self->has_item)
    return NULL;
  return xa_compound_scene_find_item (self->scene, self->is_cluster, self->index, self->level);
}

gboolean
xa_compound_keyboard_get_ring (XaCompoundKeyboard *self,
                               gboolean           *is_cluster,
                               guint              *index,
                               int                *level)
{
  if (!self->has_item)
    return FALSE;
  *is_cluster = self->is_cluster;
  *index = self->index;
  *level = self->level;
  return TRUE;
}

void
xa_compound_keyboard_forget (XaCompoundKeyboard *self)
{
  self->has_item = FALSE;
}

gboolean
xa_compound_keyboard_focus (XaCompoundKeyboard *self,
                            GtkDirectionType    direction)
{
  GtkWidget *widget = GTK_WIDGET (self->layer);
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
  if (self->scene->points == NULL || !_xa_compound_layer_get_view (self->layer, &view))
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  xa_compound_scene_ensure_items (self->scene, &view);
  stops = xa_compound_scene_tab_order (self->scene, &view, TAB_ROW);
  current = gtk_widget_has_focus (widget) ? xa_compound_keyboard_find_item (self) : NULL;
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
key_pressed_cb (XaCompoundKeyboard *self,
                guint               keyval,
                guint               keycode,
                GdkModifierType     state)
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
      xa_compound_view_zoom_by (SHUMATE_LAYER (self->layer), 1);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      xa_compound_view_zoom_by (SHUMATE_LAYER (self->layer), -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      xa_compound_layer_fit_all (self->layer);
      return TRUE;
    case GDK_KEY_Escape:
      if (!self->has_item)
        return FALSE;
      set_focus_item (self, NULL);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->scene->points == NULL || !_xa_compound_layer_get_view (self->layer, &view))
        return FALSE;
      xa_compound_scene_ensure_items (self->scene, &view);
      if ((item = xa_compound_keyboard_find_item (self)) == NULL)
        return FALSE;
      {
        XaCompoundItem copy = *item;

        _xa_compound_layer_activate_item (self->layer, &copy);
      }
      return TRUE;
    default:
      return FALSE;
    }
}

XaCompoundKeyboard *
xa_compound_keyboard_new (XaCompoundLayer *layer,
                          XaCompoundScene *scene)
{
  XaCompoundKeyboard *self = g_new0 (XaCompoundKeyboard, 1);
  GtkEventController *controller;

  self->layer = layer;
  self->scene = scene;
  gtk_widget_set_focusable (GTK_WIDGET (layer), TRUE);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (layer), controller);
  return self;
}

void
xa_compound_keyboard_free (XaCompoundKeyboard *self)
{
  g_free (self);
}
