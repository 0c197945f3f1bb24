/* xa-random.h — the two shapes of chance the made-up cities draw from: a normal deviate
 * (Box–Muller) and a pick by weights. The server's demo city and simulation and the tests'
 * synthetic city use them; the caller draws the uniform numbers from its own GRand in its
 * own order, so that a seed keeps giving the same city. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @sigma times a standard normal deviate, from @u in (0, 1] and @v in [0, 1). */
double xa_random_normal          (double        sigma,
                                  double        u,
                                  double        v);
/* The index of @weights (@n > 0 of them, each >= 0) in whose share @position falls, when
 * 0 <= @position < their sum; the last index when rounding leaves it past the end. */
guint  xa_random_weighted_index  (const double *weights,
                                  guint         n,
                                  double        position);

G_END_DECLS
