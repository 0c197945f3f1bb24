/* xa-export-pdf.h — an export table laid out on printed pages: landscape, a title with the
 * date and the filter, the header row again on every page, page numbers, Chinese text in
 * Noto Sans CJK SC. The pages are drawn one at a time on any cairo_t, so a PDF file and
 * GtkPrintOperation's draw-page share one layout. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "xa-export-table.h"

G_BEGIN_DECLS

/* A4 landscape, in points (portrait: the two swapped). */
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

/* The page set-up every PDF of the app shares, for documents other than tables (the
 * meeting's minutes, the Dashboard's report): a cairo context on a new PDF file at @path
 * of @width × @height points, titled @title, … */
cairo_t       *xa_export_pdf_begin         (const char     *path,
                                            double          width,
                                            double          height,
                                            const char     *title);
/* … its text in Noto Sans CJK SC at @size points, kept as text (copy, search) … */
PangoLayout   *xa_export_pdf_layout_new    (PangoContext   *context,
                                            cairo_t        *cr,
                                            double          size,
                                            gboolean        bold);
/* … and the file finished (@cr destroyed): XA_EXPORT_ERROR_WRITE names @path when it
 * could not be written. */
gboolean       xa_export_pdf_end           (cairo_t        *cr,
                                            const char     *path,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XaExportPages, xa_export_pages_free)

G_END_DECLS
