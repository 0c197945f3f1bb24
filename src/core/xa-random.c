/* xa-random.c — see xa-random.h. */
#include "config.h"

#include <math.h>

#include "xa-random.h"

double
xa_random_normal (double sigma,
                  double u,
                  double v)
{
  return sigma * sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

guint
xa_random_weighted_index (const double *weights,
                          guint         n,
                          double        position)
{
  g_return_val_if_fail (weights != NULL && n > 0, 0);

  for (guint i = 0; i < n; i++)
    {
      if (position < weights[i])
        return i;
      position -= weights[i];
    }
  return n - 1;
}
