/* xa-tile-fetcher-private.h — what the basemap tests set and look at inside XaTileFetcher. */
#pragma once

#include "xa-tile-fetcher.h"

G_BEGIN_DECLS

/* xa_tile_fetcher_new() with a disk cache of @cache_bytes instead of the app's 100 MB. */
XaTileFetcher *_xa_tile_fetcher_new_full      (const char         *url_template,
                                               const char * const *hosts,
                                               const char         *cache_key,
                                               guint               cache_bytes);
/* The name of the fetcher's tiles in the disk cache (a folder of it); NULL without an
 * address. */
const char    *_xa_tile_fetcher_get_cache_key (XaTileFetcher      *self);

G_END_DECLS
