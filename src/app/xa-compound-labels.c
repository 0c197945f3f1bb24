/* xa-compound-labels.c — see xa-compound-labels.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "xa-compound-labels.h"
#include "xa-overlay-style.h"

static char *
band_label (XaCompoundScene *scene,
            guint            band)
{
  return xa_overlay_band_label (scene->overlay, band,
                                &xa_compound_points_get_options (scene->points)->thresholds);
}

static char *
point_tooltip (XaCompoundScene       *scene,
               const XaCompoundPoint *p)
{
  g_autofree char *label = band_label (scene, p->bands[scene->overlay]);
  /* Translators: a line of a compound's tooltip: the overlay and the compound's band in
   * it, e.g. "Unresolved Problems: 2 open"; Chinese takes a full-width colon. */
  g_autofree char *band = g_strdup_printf (_("%s: %s"), xa_overlay_title (scene->overlay), label);
  g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", p->name,
                                                   p->district_name, band);
  GString *markup = g_string_new (head);

  if (scene->overlay == XA_OVERLAY_PROBLEMS && p->open_problems > 0)
    {
      g_string_append_c (markup, '\n');
      g_string_append_printf (markup,
                              /* Translators: in a map tooltip; a second line may follow. */
                              ngettext ("%u open problem", "%u open problems", p->open_problems),
                              p->open_problems);
      if (p->overdue_problems > 0)
        {
          g_string_append (markup, _(", "));
          g_string_append_printf (markup,
                                  /* Translators: after "3 open problems, ". */
                                  ngettext ("%u overdue", "%u overdue", p->overdue_problems),
                                  p->overdue_problems);
        }
    }
  return g_string_free (markup, FALSE);
}

static char *
cluster_tooltip (XaCompoundScene *scene,
                 const XaCluster *c)
{
  const XaCompoundDistrict *d = xa_compound_points_get_district (scene->points, c->district);
  g_autofree char *district = g_markup_escape_text (d->name, -1);
  GString *markup = g_string_new ("<b>");

  g_string_append_printf (markup, ngettext ("%u compound", "%u compounds", c->n), c->n);
  g_string_append (markup, "</b>\n");
  /* A cluster holds the compounds of one district. */
  g_string_append (markup, district);
  for (guint b = 0; b < xa_overlay_n_bands (scene->overlay); b++)
    if (c->counts[scene->overlay][b] > 0)
      {
        g_autofree char *label = band_label (scene, b);
        g_autofree char *escaped = g_markup_escape_text (label, -1);

        /* Translators: one line of a cluster's tooltip: a legend label and a count. */
        g_string_append_printf (markup, _("\n%s: %u"), escaped, c->counts[scene->overlay][b]);
      }
  g_string_append_c (markup, '\n');
  g_string_append (markup, _("Click to zoom in"));
  return g_string_free (markup, FALSE);
}

char *
xa_compound_labels_item_tooltip (XaCompoundScene      *scene,
                                 const XaCompoundItem *item)
{
  if (item->is_cluster)
    return cluster_tooltip (scene, xa_compound_scene_get_cluster (scene, item->index));
  return point_tooltip (scene, xa_compound_points_get (scene->points, item->index));
}

char *
xa_compound_labels_point_name (XaCompoundScene       *scene,
                               const XaCompoundPoint *p)
{
  g_autofree char *band = band_label (scene, p->bands[scene->overlay]);

  /* Translators: the accessible name of the map: a compound's name, its district and
   * its legend label in the current overlay. */
  return g_strdup_printf (_("Compound map: %s, %s, %s"), p->name, p->district_name, band);
}

char *
xa_compound_labels_cluster_name (guint n)
{
  /* Translators: the accessible name of the map while a cluster has keyboard focus. */
  return g_strdup_printf (ngettext ("Compound map: a group of %u compound",
                                    "Compound map: a group of %u compounds", n), n);
}
