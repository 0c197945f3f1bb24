/* xa-minutes-pdf.h — the minutes (会商纪要) of a coordination meeting as a PDF: the agenda's
 * name, the date and time, and for each compound on the agenda the decisions taken on its
 * problems (agreed at consultation or escalated, the note, who and by when), on A4
 * portrait, page numbers at the foot, Chinese text kept as text. It reads the decisions the
 * store keeps for the agenda (xa_store_list_decisions()). */
#pragma once

#include "xa-agenda.h"
#include "xa-store.h"

G_BEGIN_DECLS

/* Writes the minutes of the meeting on @agenda (saved: it has an id) from @store to @output,
 * through a temporary file renamed over it. The meeting is dated @started (unix seconds;
 * 0: its first decision's time, else now). XA_EXPORT_ERROR_WRITE names @output when it
 * cannot be written; a store error leaves @output as it was. */
gboolean xa_minutes_pdf_write (XaStore     *store,
                               XaAgenda    *agenda,
                               gint64       started,
                               const char  *output,
                               GError     **error);

G_END_DECLS
