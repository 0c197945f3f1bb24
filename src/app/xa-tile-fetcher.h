/* xa-tile-fetcher.h — a ShumateDataSource that downloads raster tiles over HTTP with the
 * app's own User-Agent and libshumate's disk cache, spreads requests over a tile server's
 * hosts, and says after every download whether the server could be reached — libshumate
 * 1.0's ShumateTileDownloader can do neither (with libsoup 3 it always sends
 * "libshumate/1.0.3", and the map layer swallows its errors). */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* What tile servers see: OpenStreetMap's tile policy asks for an identifying User-Agent.
 * PACKAGE_VERSION comes from config.h. */
#define XA_TILE_USER_AGENT "XiaoquAtlas/" PACKAGE_VERSION \
  " (+https://github.com/xiaoquatlas/XiaoquAtlas)"

#define XA_TILE_FETCHER_ERROR (xa_tile_fetcher_error_quark ())
GQuark xa_tile_fetcher_error_quark (void);

typedef enum
{
  XA_TILE_FETCHER_ERROR_NO_SOURCE,      /* made without an address: never has tiles */
  XA_TILE_FETCHER_ERROR_BAD_ADDRESS,    /* the filled-in address is not a valid URL */
  XA_TILE_FETCHER_ERROR_NO_TILE,        /* the server has no tile here (HTTP 404 / 204) */
  XA_TILE_FETCHER_ERROR_REFUSED,        /* HTTP 401 / 403 / 418 / 429: a key or a limit */
  XA_TILE_FETCHER_ERROR_BAD_RESPONSE,   /* any other HTTP failure */
  XA_TILE_FETCHER_ERROR_NOT_AN_IMAGE,   /* an answer that is not a tile image (a login page) */
} XaTileFetcherError;

#define XA_TYPE_TILE_FETCHER (xa_tile_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (XaTileFetcher, xa_tile_fetcher, XA, TILE_FETCHER, ShumateDataSource)

/* @url_template: an http(s) address with {x} {y} {z} or {tmsy}, and {s} for one of @hosts
 * (chosen by tile, so each tile always comes from the same host); NULL for a fetcher that
 * has no tiles at all. @cache_key names the tiles in the disk cache: give one that stays
 * the same when only a key in the address changes (NULL: derived from the address). */
XaTileFetcher *xa_tile_fetcher_new          (const char         *url_template,
                                             const char * const *hosts,
                                             const char         *cache_key);

const char    *xa_tile_fetcher_get_url_template (XaTileFetcher *self);

/* Signal "load-result" (gboolean reachable, GError *error): emitted after each tile request
 * that went to the network and was not cancelled. @reachable is TRUE when the server
 * answered with a tile or said it has none; FALSE when it could not be reached, refused,
 * or answered with something that is not a tile (@error says what). */

G_END_DECLS
