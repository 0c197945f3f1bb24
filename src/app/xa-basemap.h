/* xa-basemap.h — the map tiles under the compounds for one basemap choice (OpenStreetMap,
 * Tianditu, an XYZ address, an MBTiles file, or none): the libshumate sources, their
 * attribution, and whether the tiles can be loaded right now ("offline"). */
#pragma once

#include <gio/gio.h>
#include <shumate/shumate.h>

G_BEGIN_DECLS

#define XA_BASEMAP_ERROR (xa_basemap_error_quark ())
GQuark xa_basemap_error_quark (void);

typedef enum
{
  XA_BASEMAP_ERROR_UNKNOWN_KIND,      /* not one of the choices in the settings schema */
  XA_BASEMAP_ERROR_BAD_XYZ_ADDRESS,   /* empty, not http(s), or without {x} {y} {z} */
  XA_BASEMAP_ERROR_NO_TIANDITU_KEY,   /* Tianditu chosen, no key given */
  XA_BASEMAP_ERROR_NO_MBTILES_FILE,   /* MBTiles chosen, no file given */
} XaBasemapError;

#define XA_TYPE_BASEMAP (xa_basemap_get_type ())
G_DECLARE_FINAL_TYPE (XaBasemap, xa_basemap, XA, BASEMAP, GObject)

/* @kind: "osm", "tianditu", "xyz", "mbtiles" or "none" (the settings key "basemap").
 * @xyz_url is used for "xyz", @mbtiles_path for "mbtiles", @tianditu_key for "tianditu";
 * the others may be NULL. Fails with an XA_BASEMAP_ERROR, or an XA_MBTILES_ERROR when the
 * MBTiles file cannot be used; the message says what to change. */
XaBasemap        *xa_basemap_new                  (const char  *kind,
                                                   const char  *xyz_url,
                                                   const char  *mbtiles_path,
                                                   const char  *tianditu_key,
                                                   GError     **error);
/* The same from the keys "basemap", "basemap-xyz-url" and "basemap-mbtiles-path". */
XaBasemap        *xa_basemap_new_from_settings    (GSettings   *settings,
                                                   const char  *tianditu_key,
                                                   GError     **error);

/* Where a meeting pack takes the tiles of the basemap @settings choose: the MBTiles file,
 * or the folder of libshumate's cache (its <z>/<x>/<y>.png) of the tiles viewed (for
 * Tianditu, its roads, and its place names in @out_labels_cache_dir, to be drawn over them
 * with xa_basemap_compose_tiles()); the rest NULL, and the tiles' attribution, or NULL.
 * Nothing that downloads: tile policies forbid fetching tiles in bulk. */
void              xa_basemap_pack_sources         (GSettings   *settings,
                                                   char       **out_mbtiles_path,
                                                   char       **out_cache_dir,
                                                   char       **out_labels_cache_dir,
                                                   char       **out_attribution);
/* The PNG tile @labels drawn over the PNG tile @base, as one PNG; NULL when either is not
 * a PNG. Safe in any thread. */
GBytes           *xa_basemap_compose_tiles        (GBytes      *base,
                                                   GBytes      *labels);
const char       *xa_basemap_get_kind             (XaBasemap   *self);
/* Never NULL, also for "none": the viewport needs it for coordinates and zoom limits. */
ShumateMapSource *xa_basemap_get_reference_source (XaBasemap   *self);
/* (element-type ShumateMapSource) (transfer none): what to draw, bottom first (Tianditu's
 * labels over its roads); empty for "none". */
GPtrArray        *xa_basemap_get_layer_sources    (XaBasemap   *self);

/* Plain text to show on the map, translated; "" for "none", never NULL. */
const char       *xa_basemap_get_attribution      (XaBasemap   *self);
/* Where the licence of the tiles is explained, or NULL. */
const char       *xa_basemap_get_license_uri      (XaBasemap   *self);

/* Property "offline": TRUE after several tiles in a row could not be loaded, FALSE again
 * after the next one that loads. Property "offline-message": why, and what still works;
 * NULL while online. Both notify on change. */
gboolean          xa_basemap_get_offline          (XaBasemap   *self);
/* Property "tiles-shown": TRUE once a tile of this basemap has reached the map (so its
 * attribution is due); notifies on change. */
gboolean          xa_basemap_get_tiles_shown      (XaBasemap   *self);

/* Whether @url is a usable XYZ tile address: {z}, {x} and {y} (or {tmsy}) in an http(s)
 * address, {s} allowed for the server letter; else an error that says what to write. */
gboolean          xa_basemap_check_xyz_address    (const char  *url,
                                                   GError     **error);
const char       *xa_basemap_get_offline_message  (XaBasemap   *self);

/* Sets @map's reference source and puts the basemap's layers at the bottom of @map, under
 * any layers already there. A basemap attached before to @map is detached first, so a
 * new choice just makes a new XaBasemap and attaches it. */
void              xa_basemap_attach               (XaBasemap   *self,
                                                   ShumateMap  *map);
/* Removes the layers again; the reference source stays until another basemap is attached. */
void              xa_basemap_detach               (XaBasemap   *self);
ShumateMap       *xa_basemap_get_map              (XaBasemap   *self);

G_END_DECLS
