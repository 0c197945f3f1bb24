/* xa-export-pdf.h — an export table laid out on printed pages: landscape, a title with the
 * date and the filter, the header row again on every page, page numbers, Chinese text in
 * Noto Sans CJK SC. The pages are drawn one at a time on any cairo_t, so a PDF file and
 * GtkPrintOperation's draw-page share one layout. */
#pragma once

#include <cairo.h>

#include "xa-export-table.h"

G_BEGIN_DECLS

/* A4 landscape, in points. */
#define XA_EXPORT_PDF_PAGE_WIDTH  841.89
#define XA_EXPORT_PDF_PAGE_HEIGHT 595.28

typedef struct _XaExportPages XaExportPages;

/* Lays @table out on pages of @width × @height points (margins included). @table must
 * outlive the pages. */
XaExportPages *xa_export_pages_new         (XaExportTable *table,
                                            double         width,
                                            double         height);
void           xa_export_pages_free        (XaExportPages *pages);
guint          xa_export_pages_get_n_pages (XaExportPages *pages);
/* Draws page @page (from 0) on @cr, whose origin is the page's top left corner in points. */
void           xa_export_pages_draw        (XaExportPages *pages,
                                            cairo_t       *cr,
                                            guint          page);

/* Writes @table as a PDF file at @path. XA_EXPORT_ERROR_WRITE names @path when it cannot
 * be written. */
gboolean       xa_export_pdf_write         (XaExportTable  *table,
                                            const char     *path,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaExportPages, xa_export_pages_free)

G_END_DECLS
