/* xa-compound-list-item.h — one row of the list of compounds beside the map (XaCompoundList):
 * a compound with its district, its cadres and the measure the list ranks it by, as the
 * item of a GListModel. Immutable once made. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define XA_TYPE_COMPOUND_LIST_ITEM (xa_compound_list_item_get_type ())
G_DECLARE_FINAL_TYPE (XaCompoundListItem, xa_compound_list_item, XA, COMPOUND_LIST_ITEM, GObject)

/* @measure_text is what the measure column shows; @measure and then @tie_break order the
 * rows when sorted by it, NaN after every number (before them in descending order). */
XaCompoundListItem *xa_compound_list_item_new              (const char *id,
                                                            const char *name,
                                                            const char *district,
                                                            const char *cadre,
                                                            const char *measure_text,
                                                            double      measure,
                                                            double      tie_break);
const char         *xa_compound_list_item_get_id           (XaCompoundListItem *self);
const char         *xa_compound_list_item_get_name         (XaCompoundListItem *self);
const char         *xa_compound_list_item_get_district     (XaCompoundListItem *self);
const char         *xa_compound_list_item_get_cadre        (XaCompoundListItem *self);
const char         *xa_compound_list_item_get_measure_text (XaCompoundListItem *self);
double              xa_compound_list_item_get_measure      (XaCompoundListItem *self);
/* Compares two items by measure, then tie-break; NaN measures after every number. */
int                 xa_compound_list_item_compare_measure  (XaCompoundListItem *a,
                                                            XaCompoundListItem *b);

G_END_DECLS
