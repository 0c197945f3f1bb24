/* xa-map-view-basemap.c — XaMapView's basemap: the one the settings choose (Tianditu's key
 * read from the keyring first), built again when they change; the zoom range and the
 * attribution it brings; and the notice shown while its tiles cannot be had, or when it
 * cannot be built at all and the compounds fall back to a plain background. The tiles
 * themselves are XaBasemap's. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-keyring.h"
#include "xa-map-view-private.h"

static void
offline_changed_cb (XaMapView *self)
{
  gboolean offline = xa_basemap_get_offline (self->basemap);

  if (offline)
    {
      gtk_label_set_label (self->notice_chip_label, _("Basemap offline"));
      gtk_label_set_label (self->offline_label, xa_basemap_get_offline_message (self->basemap));
    }
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);
}

/* Credit only what is drawn: no tile of the basemap shown yet, no attribution. */
static void
tiles_shown_cb (XaMapView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->attribution_label),
                          *xa_basemap_get_attribution (self->basemap) != '\0' &&
                          xa_basemap_get_tiles_shown (self->basemap));
}

void
_xa_map_view_use_basemap (XaMapView *self,
                          XaBasemap *basemap)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (self->basemap != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->basemap, self);
      xa_basemap_detach (self->basemap);
    }
  g_set_object (&self->basemap, basemap);
  xa_basemap_attach (basemap, self->map);
  /* The reference source copies its zoom range onto the viewport; the compounds need no
   * more than XA_MAP_VIEW_MAX_ZOOM. Not deeper than the tiles go either: libshumate 1.0's
   * map layer asks for tiles at the viewport's zoom, and Tianditu has none past 18 (MBTiles
   * sources enlarge their own deepest level and claim more). */
  shumate_viewport_set_min_zoom_level (viewport, (guint) XA_MAP_VIEW_MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport,
                                       MIN ((guint) XA_MAP_VIEW_MAX_ZOOM,
                                            shumate_map_source_get_max_zoom_level (
                                              xa_basemap_get_reference_source (basemap))));
  gtk_label_set_label (self->attribution_label, xa_basemap_get_attribution (basemap));
  g_signal_connect_swapped (basemap, "notify::tiles-shown", G_CALLBACK (tiles_shown_cb), self);
  tiles_shown_cb (self);
  g_signal_connect_swapped (basemap, "notify::offline", G_CALLBACK (offline_changed_cb), self);
  offline_changed_cb (self);
}

static void
build_basemap (XaMapView  *self,
               const char *tianditu_key,
               const char *keyring_problem)
{
  g_autoptr(XaBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;

  basemap = xa_basemap_new_from_settings (self->settings, tianditu_key, &error);
  if (basemap == NULL)
    {
      g_autofree char *text = NULL;

      /* The compounds must stay usable: fall back to the plain background and say why. */
      basemap = xa_basemap_new ("none", NULL, NULL, NULL, NULL);
      _xa_map_view_use_basemap (self, basemap);
      if (keyring_problem != NULL)
        /* Translators: the first %s says why the basemap cannot be shown, the second why
         * the keyring could not be read. */
        text = g_strdup_printf (_("%s (%s) The compounds are shown on a plain background."),
                                error->message, keyring_problem);
      else
        /* Translators: %s says why the basemap cannot be shown. */
        text = g_strdup_printf (_("%s The compounds are shown on a plain background."),
                                error->message);
      gtk_label_set_label (self->notice_chip_label, _("No basemap"));
      gtk_label_set_label (self->offline_label, text);
      gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
      return;
    }
  _xa_map_view_use_basemap (self, basemap);
}

static void
tianditu_key_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XaMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = xa_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->settings == NULL)
    return;
  build_basemap (self, key, error != NULL ? error->message : NULL);
}

/* Builds the basemap the settings ask for. Tianditu's key lives in the keyring, which is
 * asked first; every other choice is built at once. */
void
_xa_map_view_apply_basemap (XaMapView *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "basemap");

  g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  if (g_strcmp0 (kind, "tianditu") == 0)
    {
      self->key_cancellable = g_cancellable_new ();
      xa_keyring_lookup (XA_SECRET_TIANDITU_KEY, NULL, XA_KEYRING_LOOKUP_NONE,
                         self->key_cancellable, tianditu_key_cb, g_object_ref (self));
      return;
    }
  build_basemap (self, NULL, NULL);
}

/* Settings that change the tiles. */
static const char * const basemap_keys[] = {
  "basemap", "basemap-xyz-url", "basemap-mbtiles-path",
};

void
_xa_map_view_init_basemap (XaMapView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (basemap_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", basemap_keys[i], NULL);

      g_signal_connect_swapped (self->settings, signal,
                                G_CALLBACK (_xa_map_view_apply_basemap), self);
    }
}

void
xa_map_view_reload_basemap (XaMapView *self)
{
  g_return_if_fail (XA_IS_MAP_VIEW (self));

  _xa_map_view_apply_basemap (self);
}

const char *
_xa_map_view_get_notice_text (XaMapView *self)
{
  if (!gtk_revealer_get_reveal_child (self->offline_revealer))
    return NULL;
  return gtk_label_get_label (self->offline_label);
}
