/* xa-compound-clusters.c — see xa-compound-clusters.h.
 *
 * Compounds are grouped by a grid of CLUSTER_CELL pixels laid on the world at each whole zoom
 * level, each cell by district: a bureau plans by district, and one pie for the three urban
 * districts would say nothing about any of them. The grid is fixed to the world, not to the
 * screen, so clusters stay put while panning and each level is computed once (on first use)
 * and kept until the points change. The grid's cut lines are then healed by merging
 * touching neighbours of the same district. */
#include "config.h"

#include <stdlib.h>

#include "xa-compound-clusters.h"

#define CLUSTER_CELL 60.0       /* grid cell, in pixels at the level's zoom */

struct _XaCompoundClusters
{
  XaClusterLevel *levels[XA_CLUSTER_MAX_ZOOM];
};

static void
level_free (XaClusterLevel *level)
{
  for (guint i = 0; i < level->n_clusters; i++)
    g_clear_object (&level->clusters[i].texture);
  g_free (level->clusters);
  g_free (level->row_start);
  g_free (level->cluster_of);
  g_free (level->district_main);
  g_free (level);
}

typedef struct
{
  guint64 key;
  guint   district;
  guint   index;
} CellEntry;

static int
compare_cell_entries (gconstpointer a,
                      gconstpointer b)
{
  const CellEntry *ea = a, *eb = b;

  if (ea->key != eb->key)
    return ea->key < eb->key ? -1 : 1;
  if (ea->district != eb->district)
    return ea->district < eb->district ? -1 : 1;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

static float
item_radius (guint n)
{
  return n == 1 ? XA_DOT_RADIUS : xa_cluster_radius (n);
}

/* Adds cluster @b (of the same district) to @a: centroid weighted by size, counts summed. */
static void
merge_clusters (XaCluster       *a,
                const XaCluster *b)
{
  guint n = a->n + b->n;

  g_assert (a->district == b->district);
  a->x = (a->x * a->n + b->x * b->n) / n;
  a->y = (a->y * a->n + b->y * b->n) / n;
  a->n = n;
  for (guint o = 0; o < XA_N_OVERLAYS; o++)
    for (guint k = 0; k < XA_OVERLAY_MAX_BANDS; k++)
      a->counts[o][k] += b->counts[o][k];
}

/* Sorts the clusters by cell (of their centroid) and indexes the rows; @cluster_of (point →
 * cluster) follows the clusters to their new places. */
static void
index_level (XaClusterLevel *level,
             guint          *cluster_of,
             guint           n_points)
{
  g_autofree CellEntry *entries = g_new (CellEntry, MAX (level->n_clusters, 1));
  g_autofree guint *new_index = g_new (guint, MAX (level->n_clusters, 1));
  XaCluster *sorted = g_new (XaCluster, MAX (level->n_clusters, 1));

  for (guint i = 0; i < level->n_clusters; i++)
    {
      XaCluster *c = &level->clusters[i];

      c->cx = (int) (c->x / level->cell);
      c->cy = (int) (c->y / level->cell);
      entries[i] = (CellEntry) { ((guint64) c->cy << 32) | (guint) c->cx, c->district, i };
    }
  qsort (entries, level->n_clusters, sizeof (CellEntry), compare_cell_entries);
  for (guint i = 0; i < level->n_clusters; i++)
    {
      sorted[i] = level->clusters[entries[i].index];
      new_index[entries[i].index] = i;
    }
  for (guint p = 0; p < n_points; p++)
    cluster_of[p] = new_index[cluster_of[p]];
  g_free (level->clusters);
  level->clusters = sorted;

  g_clear_pointer (&level->row_start, g_free);
  level->n_rows = 0;
  if (level->n_clusters > 0)
    {
      level->cy_min = level->clusters[0].cy;
      level->n_rows = level->clusters[level->n_clusters - 1].cy - level->cy_min + 1;
    }
  level->row_start = g_new0 (guint, level->n_rows + 1);
  for (guint i = 0; i < level->n_clusters; i++)
    level->row_start[level->clusters[i].cy - level->cy_min + 1]++;
  for (guint r = 0; r < level->n_rows; r++)
    level->row_start[r + 1] += level->row_start[r];
}

/* The first cluster of row @cy at or right of column @cx. */
static guint
row_search (const XaClusterLevel *level,
            int                   cy,
            int                   cx)
{
  guint lo = level->row_start[cy - level->cy_min];
  guint hi = level->row_start[cy - level->cy_min + 1];

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (level->clusters[mid].cx < cx)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_by_size (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const XaCluster *clusters = user_data;
  guint na = clusters[*(const guint *) a].n, nb = clusters[*(const guint *) b].n;

  return na > nb ? -1 : na < nb;
}

/* A grid alone cuts a town in two where a cell border crosses it, and draws the halves on
 * top of each other. Largest first, each cluster swallows the neighbours of its district
 * (in the 3 × 3 cells around it) that would touch it even zoomed out half a level. Clusters
 * of neighbouring districts may touch: they stay apart. Returns FALSE when nothing merged;
 * else the level is re-indexed. */
static gboolean
merge_neighbours (XaClusterLevel *level,
                  double          world,
                  guint          *cluster_of,
                  guint           n_points)
{
  guint n = level->n_clusters;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree guint *into = g_new (guint, MAX (n, 1));
  g_autofree gboolean *seed = g_new0 (gboolean, MAX (n, 1));
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i, into[i] = G_MAXUINT;
  g_qsort_with_data (order, n, sizeof (guint), compare_by_size, level->clusters);

  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      XaCluster *c = &level->clusters[i];

      if (into[i] != G_MAXUINT)
        continue;
      seed[i] = TRUE;
      for (int cy = c->cy - 1; cy <= c->cy + 1; cy++)
        {
          if (cy < level->cy_min || cy >= level->cy_min + (int) level->n_rows)
            continue;
          for (guint j = row_search (level, cy, c->cx - 1);
               j < level->row_start[cy - level->cy_min + 1] && level->clusters[j].cx <= c->cx + 1;
               j++)
            {
              const XaCluster *o = &level->clusters[j];
              double reach = MAX (CLUSTER_CELL, (item_radius (c->n) + item_radius (o->n)) * 1.42);

              if (j == i || seed[j] || into[j] != G_MAXUINT || o->district != c->district)
                continue;
              if (hypot (c->x - o->x, c->y - o->y) * world < reach)
                {
                  merge_clusters (c, o);
                  into[j] = i;
                }
            }
        }
    }

  for (guint i = 0; i < n; i++)
    kept += into[i] == G_MAXUINT;
  if (kept == n)
    return FALSE;

  /* Drop the swallowed ones; points follow their cluster. */
  {
    g_autofree guint *compact = g_new (guint, n);
    guint w = 0;

    for (guint i = 0; i < n; i++)
      if (into[i] == G_MAXUINT)
        {
          compact[i] = w;
          level->clusters[w++] = level->clusters[i];
        }
    for (guint p = 0; p < n_points; p++)
      {
        guint c = cluster_of[p];

        cluster_of[p] = compact[into[c] == G_MAXUINT ? c : into[c]];
      }
    level->n_clusters = kept;
  }
  index_level (level, cluster_of, n_points);
  return TRUE;
}


/* The units a level groups: points for the closest level, else the clusters of the level
 * one closer (as supercluster does), so only the closest level costs a pass over every
 * point and the others a pass over far fewer clusters. */
/* Where each district is named at city zoom: its largest cluster. */
static void
find_district_mains (XaClusterLevel   *level,
                     XaCompoundPoints *points)
{
  guint n_districts = points != NULL ? xa_compound_points_get_n_districts (points) : 0;

  level->district_main = g_new (guint, MAX (n_districts, 1));
  for (guint d = 0; d < n_districts; d++)
    level->district_main[d] = G_MAXUINT;
  for (guint i = 0; i < level->n_clusters; i++)
    {
      guint *main = &level->district_main[level->clusters[i].district];

      if (*main == G_MAXUINT || level->clusters[*main].n < level->clusters[i].n)
        *main = i;
    }
}

static XaClusterLevel *
build_level (XaCompoundClusters *self,
             guint               zoom,
             XaCompoundPoints   *points,
             double              tile_size)
{
  guint n = points != NULL ? xa_compound_points_get_n (points) : 0;
  XaClusterLevel *child = zoom + 1 < XA_CLUSTER_MAX_ZOOM
                          ? xa_compound_clusters_ensure_level (self, zoom + 1, points, tile_size)
                          : NULL;
  guint n_units = child != NULL ? child->n_clusters : n;
  g_autofree CellEntry *entries = g_new (CellEntry, MAX (n_units, 1));
  g_autofree guint *unit_to_cluster = g_new (guint, MAX (n_units, 1));
  XaClusterLevel *level = g_new0 (XaClusterLevel, 1);
  GArray *clusters = g_array_new (FALSE, TRUE, sizeof (XaCluster));
  double world = tile_size * ldexp (1.0, zoom);

  level->cell = CLUSTER_CELL / world;
  level->cluster_of = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n_units; i++)
    {
      double x, y;
      guint district;

      if (child != NULL)
        {
          x = child->clusters[i].x, y = child->clusters[i].y;
          district = child->clusters[i].district;
        }
      else
        {
          const XaCompoundPoint *p = xa_compound_points_get (points, i);

          x = p->x, y = p->y;
          district = p->district;
        }
      entries[i].key = ((guint64) (y / level->cell) << 32) | (guint64) (x / level->cell);
      entries[i].district = district;
      entries[i].index = i;
    }
  /* Sorting by cell and district puts the units of each cluster together. */
  qsort (entries, n_units, sizeof (CellEntry), compare_cell_entries);

  for (guint i = 0; i < n_units; i++)
    {
      XaCluster unit;

      if (child != NULL)
        {
          unit = child->clusters[entries[i].index];
          unit.texture = NULL;
        }
      else
        {
          const XaCompoundPoint *p = xa_compound_points_get (points, entries[i].index);

          unit = (XaCluster) { .x = p->x, .y = p->y, .n = 1, .district = p->district,
                               .first = entries[i].index };
          for (guint o = 0; o < XA_N_OVERLAYS; o++)
            unit.counts[o][MIN (p->bands[o], XA_OVERLAY_MAX_BANDS - 1)] = 1;
        }
      if (i == 0 || entries[i].key != entries[i - 1].key
          || entries[i].district != entries[i - 1].district)
        g_array_append_val (clusters, unit);
      else
        merge_clusters (&g_array_index (clusters, XaCluster, clusters->len - 1), &unit);
      unit_to_cluster[entries[i].index] = clusters->len - 1;
    }
  for (guint p = 0; p < n; p++)
    level->cluster_of[p] = unit_to_cluster[child != NULL ? child->cluster_of[p] : p];

  level->n_clusters = clusters->len;
  level->clusters = (XaCluster *) g_array_free (clusters, FALSE);
  index_level (level, level->cluster_of, n);
  for (guint pass = 0; pass < 3; pass++)
    if (!merge_neighbours (level, world, level->cluster_of, n))
      break;
  find_district_mains (level, points);
  return level;
}

XaClusterLevel *
xa_compound_clusters_ensure_level (XaCompoundClusters *self,
                                   guint               zoom,
                                   XaCompoundPoints   *points,
                                   double              tile_size)
{
  g_assert (zoom < XA_CLUSTER_MAX_ZOOM);

  if (self->levels[zoom] == NULL)
    self->levels[zoom] = build_level (self, zoom, points, tile_size);
  return self->levels[zoom];
}

XaClusterLevel *
xa_compound_clusters_peek_level (XaCompoundClusters *self,
                                 guint               zoom)
{
  g_assert (zoom < XA_CLUSTER_MAX_ZOOM);

  return self->levels[zoom];
}

void
xa_cluster_level_query (const XaClusterLevel *level,
                        double                x0,
                        double                y0,
                        double                x1,
                        double                y1,
                        GArray               *indices)
{
  /* Centroids lie anywhere in their cell and circles reach past it: one cell of slack. */
  int cy0 = (int) floor (y0 / level->cell) - 1;
  int cy1 = (int) floor (y1 / level->cell) + 1;
  int cx0 = (int) floor (x0 / level->cell) - 1;
  int cx1 = (int) floor (x1 / level->cell) + 1;

  cy0 = MAX (cy0, level->cy_min);
  cy1 = MIN (cy1, level->cy_min + (int) level->n_rows - 1);
  for (int cy = cy0; cy <= cy1; cy++)
    {
      guint lo = row_search (level, cy, cx0);

      for (guint i = lo; i < level->row_start[cy - level->cy_min + 1]; i++)
        {
          if (level->clusters[i].cx > cx1)
            break;
          g_array_append_val (indices, i);
        }
    }
}

XaCompoundClusters *
xa_compound_clusters_new (void)
{
  return g_new0 (XaCompoundClusters, 1);
}

void
xa_compound_clusters_free (XaCompoundClusters *self)
{
  if (self == NULL)
    return;
  xa_compound_clusters_clear (self);
  g_free (self);
}

void
xa_compound_clusters_clear (XaCompoundClusters *self)
{
  for (guint l = 0; l < XA_CLUSTER_MAX_ZOOM; l++)
    g_clear_pointer (&self->levels[l], level_free);
}

void
xa_compound_clusters_clear_textures (XaCompoundClusters *self)
{
  for (guint l = 0; l < XA_CLUSTER_MAX_ZOOM; l++)
    if (self->levels[l] != NULL)
      for (guint i = 0; i < self->levels[l]->n_clusters; i++)
        g_clear_object (&self->levels[l]->clusters[i].texture);
}
