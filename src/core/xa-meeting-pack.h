/* xa-meeting-pack.h — the offline meeting pack (会商离线包): one agenda, the records of its
 * compounds and the basemap tiles around them in a single file, for a meeting-room PC with
 * no network and no server. The pack is a records store (same schema: it opens as one, and
 * its decisions land in its own outbox) that also holds MBTiles tables (metadata, tiles), so
 * the MBTiles basemap shows its tiles. Tiles come only from what is on this machine already
 * (the viewed-tile cache or an MBTiles file): tile policies forbid bulk downloads. Its
 * decisions go back into the bureau's store with the idempotency keys they were taken
 * under, so each reaches the server once however often the pack is imported. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a pack file's name ends with. */
#define XA_MEETING_PACK_SUFFIX ".xqpack"

#define XA_MEETING_PACK_ERROR (xa_meeting_pack_error_quark ())
GQuark xa_meeting_pack_error_quark (void);

typedef enum
{
  XA_MEETING_PACK_ERROR_NO_AGENDA,     /* no such agenda in the store, or deleted */
  XA_MEETING_PACK_ERROR_EMPTY_AGENDA,  /* the agenda names no compound the store holds */
  XA_MEETING_PACK_ERROR_NOT_SYNCED,    /* the store mirrors no server yet */
  XA_MEETING_PACK_ERROR_NOT_A_PACK,    /* damaged, truncated, or not a meeting pack */
  XA_MEETING_PACK_ERROR_OTHER_SERVER,  /* the pack's records are another server's */
  XA_MEETING_PACK_ERROR_FAILED,        /* sqlite or the disk failed; nothing was changed */
} XaMeetingPackError;

/* Where the basemap tiles of a pack come from; either may be NULL. Tiles missing from both
 * are left out, never downloaded. */
/* Draws the PNG tile @labels over the PNG tile @base, as one PNG; NULL when either cannot
 * be read. Called in the writer's thread. */
typedef GBytes *(*XaMeetingPackComposeFunc) (GBytes *base,
                                             GBytes *labels);

typedef struct
{
  const char *mbtiles_path;   /* an MBTiles file */
  const char *cache_dir;      /* a viewed-tile cache holding <z>/<x>/<y>.png */
  const char *attribution;    /* the tiles' attribution, plain text, or NULL */
  /* A second cache whose tiles are drawn over those of @cache_dir (Tianditu's place names
   * over its roads) with @compose; either may be NULL: none. */
  const char *labels_cache_dir;
  XaMeetingPackComposeFunc compose;
} XaMeetingPackTiles;

typedef struct
{
  guint compounds;     /* the agenda's compounds the pack holds */
  guint tiles_wanted;  /* tiles around them at the pack's zoom levels */
  guint tiles_found;   /* of those, how many this machine had */
} XaMeetingPackSummary;

/* Writes agenda @agenda_id of the store at @store_path with its compounds' records and the
 * tiles of @tiles (may be NULL) around them to @output_path: a temporary file beside it,
 * renamed over it at the end, so an error leaves @output_path as it was. */
gboolean  xa_meeting_pack_write       (const char                *store_path,
                                       gint64                     agenda_id,
                                       const XaMeetingPackTiles  *tiles,
                                       const char                *output_path,
                                       XaMeetingPackSummary      *summary,
                                       GError                   **error);

/* Whether the file at @path is a readable meeting pack (XA_MEETING_PACK_ERROR_NOT_A_PACK
 * otherwise, saying why); its agenda's id in @out_agenda_id and the server its records are
 * of in @out_server (may be NULL). Reads only. */
gboolean  xa_meeting_pack_check       (const char                *path,
                                       gint64                    *out_agenda_id,
                                       char                     **out_server,
                                       GError                   **error);

/* Copies the unsent edits of the pack at @pack_path, and the meeting decisions that carry
 * them, into the store at @store_path, which must mirror the pack's server: each edit with
 * its idempotency key, written over its record as the pack's was, all in one transaction.
 * An edit whose key the store has seen already (imported before, or pushed) is skipped; an
 * edit of a record the store no longer holds (the server deleted it since) is left out. The
 * number copied in @out_imported, skipped in @out_skipped and left out in @out_gone (each
 * may be NULL). */
gboolean  xa_meeting_pack_import      (const char                *pack_path,
                                       const char                *store_path,
                                       guint                     *out_imported,
                                       guint                     *out_skipped,
                                       guint                     *out_gone,
                                       GError                   **error);

/* Whether the file at @path says it is a meeting pack (without checking the rest of it: a
 * records store is told apart at once, however large). */
gboolean  xa_meeting_pack_is_pack     (const char                *path);

G_END_DECLS
