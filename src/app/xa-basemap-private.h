/* xa-basemap-private.h — what the basemap tests change inside XaBasemap. */
#pragma once

#include "xa-basemap.h"

G_BEGIN_DECLS

/* Where Tianditu basemaps made from now on fetch their tiles, instead of
 * https://t{s}.tianditu.gov.cn (NULL: there again); the rest of the address stays. */
void _xa_basemap_set_tianditu_server (const char *base_url);

G_END_DECLS
