/* xa-monitor-row.c — see xa-monitor-row.h. The choices follow the display's monitors as
 * they come and go (a projector plugged in while Preferences is open); a chosen projector
 * that is not attached now stays listed as such, so opening Preferences away from the
 * meeting room does not silently forget it. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-monitor-row.h"

struct _XaMonitorRow
{
  AdwComboRow  parent_instance;

  GSettings   *settings;
  GListModel  *monitors;    /* the display's, watched */
  GPtrArray   *connectors;  /* the connector of each choice; "" for Automatic */
  gboolean     updating;    /* the choices are being rebuilt */
  gboolean     writing;     /* the setting is being written from the choice */
};

G_DEFINE_FINAL_TYPE (XaMonitorRow, xa_monitor_row, ADW_TYPE_COMBO_ROW)

/* "HDMI-1 · BenQ MX550 · 1920 × 1080" */
static char *
monitor_name (GdkMonitor *monitor)
{
  GdkRectangle geometry;
  const char *maker = gdk_monitor_get_manufacturer (monitor);
  const char *model = gdk_monitor_get_model (monitor);
  g_autoptr(GString) name = g_string_new (gdk_monitor_get_connector (monitor));

  gdk_monitor_get_geometry (monitor, &geometry);
  if (maker != NULL || model != NULL)
    g_string_append_printf (name, " · %s%s%s", maker != NULL ? maker : "",
                            maker != NULL && model != NULL ? " " : "",
                            model != NULL ? model : "");
  g_string_append_printf (name, " · %d × %d", geometry.width, geometry.height);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
rebuild (XaMonitorRow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *wanted = NULL;
  guint selected = 0;

  if (self->settings == NULL)
    return;
  wanted = g_settings_get_string (self->settings, "presentation-monitor");
  g_ptr_array_set_size (self->connectors, 0);
  gtk_string_list_append (names, _("Automatic: the projector when one is attached"));
  g_ptr_array_add (self->connectors, g_strdup (""));
  for (guint i = 0; i < g_list_model_get_n_items (self->monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (self->monitors, i);
      const char *connector = gdk_monitor_get_connector (monitor);
      g_autofree char *name = NULL;

      /* Without a connector a monitor cannot be named again at the next start. */
      if (connector == NULL || *connector == '\0')
        continue;
      name = monitor_name (monitor);
      if (g_str_equal (connector, wanted))
        selected = self->connectors->len;
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->connectors, g_strdup (connector));
    }
  if (*wanted != '\0' && selected == 0)
    {
      /* Translators: a monitor chosen for presentations that is not attached now; %s is
       * its connector, such as "HDMI-1". */
      g_autofree char *name = g_strdup_printf (_("%s (not attached)"), wanted);

      selected = self->connectors->len;
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->connectors, g_strdup (wanted));
    }

  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), selected);
  self->updating = FALSE;
}

static void
selected_changed_cb (XaMonitorRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));

  if (self->updating || self->settings == NULL || selected >= self->connectors->len)
    return;
  /* The row already shows what it writes: no rebuild while the combo row notifies. */
  self->writing = TRUE;
  g_settings_set_string (self->settings, "presentation-monitor",
                         g_ptr_array_index (self->connectors, selected));
  self->writing = FALSE;
}

/* The setting changed elsewhere (another window, a reset). */
static void
setting_changed_cb (XaMonitorRow *self)
{
  if (!self->writing)
    rebuild (self);
}

static void
xa_monitor_row_dispose (GObject *object)
{
  XaMonitorRow *self = XA_MONITOR_ROW (object);

  if (self->monitors != NULL)
    g_signal_handlers_disconnect_by_data (self->monitors, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->monitors);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (xa_monitor_row_parent_class)->dispose (object);
}

static void
xa_monitor_row_finalize (GObject *object)
{
  XaMonitorRow *self = XA_MONITOR_ROW (object);

  g_ptr_array_unref (self->connectors);
  G_OBJECT_CLASS (xa_monitor_row_parent_class)->finalize (object);
}

static void
xa_monitor_row_class_init (XaMonitorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xa_monitor_row_dispose;
  object_class->finalize = xa_monitor_row_finalize;
}

static void
xa_monitor_row_init (XaMonitorRow *self)
{
  self->connectors = g_ptr_array_new_with_free_func (g_free);
  self->monitors = g_object_ref (gdk_display_get_monitors (gdk_display_get_default ()));
  g_signal_connect_swapped (self->monitors, "items-changed", G_CALLBACK (rebuild), self);
  g_signal_connect (self, "notify::selected", G_CALLBACK (selected_changed_cb), NULL);
}

void
xa_monitor_row_set_settings (XaMonitorRow *self,
                             GSettings    *settings)
{
  g_return_if_fail (XA_IS_MONITOR_ROW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_swapped (settings, "changed::presentation-monitor",
                            G_CALLBACK (setting_changed_cb), self);
  rebuild (self);
}
