/* xa-meeting-pack-private.h — what the files of the meeting pack share: the metadata rows
 * that mark a pack, a query helper, and the tiles' part of writing one
 * (xa-meeting-pack-tiles.c). */
#pragma once

#include <sqlite3.h>

#include "xa-meeting-pack.h"
#include "xa-store-private.h"

G_BEGIN_DECLS

/* The metadata row that tells a pack from an MBTiles file or a store. */
#define PACK_MARK "xiaoqu_atlas_pack"
#define PACK_AGENDA "xiaoqu_atlas_agenda"

/* The first column of the first row of @sql (?1 bound to @agenda_id when it has a
 * parameter) as a new string, or NULL. */
char     *_xa_meeting_pack_query_text  (sqlite3                   *db,
                                        const char                *sql,
                                        gint64                     agenda_id);

/* The tiles around the pack's compounds (in the main schema of @db), from @tiles (may be
 * NULL), into MBTiles tables metadata and tiles, with the marks of a pack; counted in
 * @summary. In the caller's transaction. */
gboolean  _xa_meeting_pack_write_tiles (sqlite3                   *db,
                                        gint64                     agenda_id,
                                        const XaMeetingPackTiles  *tiles,
                                        XaMeetingPackSummary      *summary,
                                        GError                   **error);

G_END_DECLS
