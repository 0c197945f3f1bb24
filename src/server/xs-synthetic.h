/* xs-synthetic.h — fills an empty server database with N made-up but valid records
 * (districts, categories, compounds, problems) for benchmarks (--synthetic N). */
#pragma once

#include "xs-database.h"

G_BEGIN_DECLS

/* Writes exactly @n_records records in one transaction, in feed order. */
gboolean xs_synthetic_fill (XsDatabase  *database,
                            guint64      n_records,
                            GError     **error);

G_END_DECLS
