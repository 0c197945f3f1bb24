/* xa-compound-names.h — each compound's name and district by its id, read in one pass over
 * the store, for the tables whose rows (elevators, problems) show their compound. */
#pragma once

#include <glib.h>

#include "xa-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;
  char *district;   /* the code */
} XaCompoundNames;

/* An empty table, compound id → XaCompoundNames, both owned by it. */
GHashTable *xa_compound_names_new  (void);
/* Adds every compound of @store to @names (from xa_compound_names_new()). */
gboolean    xa_compound_names_read (GHashTable  *names,
                                    XaStore     *store,
                                    GError     **error);

G_END_DECLS
