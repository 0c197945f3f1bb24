/* xa-compound-layer-pointer.c — XaCompoundLayer under the pointer: only dots and clusters
 * catch it (elsewhere the map below pans and zooms), the cursor turns to a hand over them,
 * a tooltip names what is under the pointer (or under the keyboard ring), and a primary
 * click selects and activates a compound or opens a cluster. See
 * xa-compound-layer-private.h. */
#include "config.h"

#include "xa-compound-layer-private.h"
#include "xa-compound-labels.h"

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

gboolean
_xa_compound_layer_contains (GtkWidget *widget,
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
      item = _xa_compound_layer_find_focus_item (self);
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

void
_xa_compound_layer_init_pointer (XaCompoundLayer *self)
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

