/* xa-mbtiles-source.h — a ShumateMapSource that draws the raster tiles of an MBTiles file
 * (an sqlite database), for bureaus that work without a network. Zooming in past the
 * file's deepest level enlarges its tiles instead of leaving the map empty. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define XA_MBTILES_ERROR (xa_mbtiles_error_quark ())
GQuark xa_mbtiles_error_quark (void);

typedef enum
{
  XA_MBTILES_ERROR_NOT_FOUND,            /* no such file, or it cannot be opened */
  XA_MBTILES_ERROR_NOT_MBTILES,          /* not an sqlite database, or no "tiles" table */
  XA_MBTILES_ERROR_UNSUPPORTED_FORMAT,   /* tiles that are not PNG or JPEG (vector, WebP) */
  XA_MBTILES_ERROR_EMPTY,                /* a "tiles" table without a tile */
  XA_MBTILES_ERROR_READ,                 /* reading a tile failed (file gone, corrupt) */
  XA_MBTILES_ERROR_NO_TILE,              /* the file has no tile at this place */
} XaMbtilesError;

#define XA_TYPE_MBTILES_SOURCE (xa_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (XaMbtilesSource, xa_mbtiles_source, XA, MBTILES_SOURCE, ShumateMapSource)

/* Opens @path and reads its metadata; NULL with an XA_MBTILES_ERROR when it is not a
 * usable raster MBTiles file. The source's id is unique to this file and its contents. */
XaMbtilesSource *xa_mbtiles_source_new          (const char       *path,
                                                 GError          **error);

const char      *xa_mbtiles_source_get_path     (XaMbtilesSource  *self);
/* "png" or "jpg". */
const char      *xa_mbtiles_source_get_format   (XaMbtilesSource  *self);
/* The zoom levels the file holds tiles for; the source itself accepts deeper zooms. */
guint            xa_mbtiles_source_get_data_min_zoom (XaMbtilesSource *self);
guint            xa_mbtiles_source_get_data_max_zoom (XaMbtilesSource *self);
/* The area the file covers in degrees (WGS 84); FALSE when the file does not say. */
gboolean         xa_mbtiles_source_get_bounds   (XaMbtilesSource  *self,
                                                 double           *west,
                                                 double           *south,
                                                 double           *east,
                                                 double           *north);
/* The file's attribution as plain text (HTML tags removed), or NULL when it has none. */
const char      *xa_mbtiles_source_get_attribution (XaMbtilesSource *self);

/* Signal "load-result" (gboolean readable, GError *error): emitted on the main thread after
 * each tile read that was not cancelled. @readable is FALSE only when the file itself could
 * not be read (removed, unmounted, corrupt); a place the file has no tile for is readable. */

G_END_DECLS
