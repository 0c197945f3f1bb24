/* xa-test-synthetic-city.h — a made-up city of any size around Linyi for the tests and
 * benchmarks of the map: plausible compounds (a dense centre and county towns) with random
 * bands, problem counts and some boundaries. */
#pragma once

#include "xa-compound-points.h"

G_BEGIN_DECLS

/* @n plausible compounds around Linyi; the same @seed gives the same points. */
XaCompoundPoints *xa_compound_points_new_synthetic (guint   n,
                                                    guint32 seed);

G_END_DECLS
