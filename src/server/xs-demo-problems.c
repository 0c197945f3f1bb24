/* xs-demo-problems.c — the demo city's problem ledger: a year of everyday 12345, inspection,
 * owner and cadre reports spread over the compounds by size, age and management, the
 * article's stories with their own dates and texts, the 48 hard cases settled at city level,
 * and the fresh problems of the live simulation (xs_demo_city_new_problem()).
 *
 * Part of the demo city (xs-demo-city.c): it draws from the city's GRand after everything
 * else, so it must keep its order of draws for one seed to give the same records. Problems
 * are planned at DEMO_NOW, sorted by report time and only then dated and numbered. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xs-demo-city-private.h"
#include "xs-demo-names.h"

/* The seed article: compounds whose hard problem was settled at city level. */
#define N_CITY_SOLVED    48

/* Volumes the article gives only as "more than". */
#define RESOLVED_TARGET  15300
#define OPEN_TARGET      430

/* Work is reported done between 08:00 and 21:00, to the minute. */
static gint64
working_hours (gint64 t)
{
  gint64 local = (t + XA_CALENDAR_UTC_OFFSET) / 60 * 60;
  gint64 midnight = local / DAY * DAY;
  gint64 clock = local - midnight;

  if (clock < 8 * HOUR)
    clock += 8 * HOUR;
  else if (clock >= 21 * HOUR)
    clock -= 4 * HOUR;
  return midnight + clock - XA_CALENDAR_UTC_OFFSET;
}

static guint
category_index (const char *code)
{
  for (guint i = 0; i < xs_demo_n_categories; i++)
    if (strcmp (xs_demo_categories[i].code, code) == 0)
      return i;
  g_assert_not_reached ();
}

typedef struct
{
  guint       compound;
  guint       category;
  const char *source;
  const char *tier;
  const char *status;
  char       *title;
  char       *description;
  char       *responsible;
  char       *resolution;
  gint64      reported;
  gint64      deadline;
  gint64      resolved;       /* 0 while open */
  int         satisfaction;   /* 0: none */
  guint       order;
} Problem;

static void
problem_clear (Problem *p)
{
  g_free (p->title);
  g_free (p->description);
  g_free (p->responsible);
  g_free (p->resolution);
}

static const char *
pick_source (GRand *rand)
{
  static const guint weights[] = { 52, 16, 18, 14 };
  static const char * const names[] = { "hotline_12345", "inspection", "owner", "cadre" };

  return names[pick_weighted (rand, weights, 4)];
}

/* Who handles it: utilities go to their company, the rest to the property manager or,
 * without one, the residents' committee; consultations to the subdistrict office. */
static char *
responsible_party (const Compound *c,
                   const char     *category,
                   const char     *tier)
{
  const XsDemoDistrict *d = &xs_demo_districts[c->district];
  const char *where = d->seat->urban ? "临沂市" : d->seat->name;

  if (strcmp (tier, "city") == 0)
    return g_strdup ("市住房城乡建设局（牵头）");
  if (strcmp (category, "UTIL-01") == 0)
    return g_strconcat (where, "水务集团", NULL);
  if (strcmp (category, "UTIL-02") == 0)
    return g_strconcat (where, "燃气公司", NULL);
  if (strcmp (category, "UTIL-03") == 0)
    return g_strconcat (where, "热力公司", NULL);
  if (strcmp (category, "POWER-01") == 0)
    return g_strconcat ("国网", d->seat->urban ? "临沂" : d->seat->name, "供电公司", NULL);
  if (strcmp (tier, "consultation") == 0)
    return g_strconcat (c->subdistrict, "办事处", NULL);
  if (c->company != NULL)
    return g_strdup (c->company);
  return g_strconcat (c->community, "居委会", NULL);
}

static guint
pick_text (City     *city,
           Compound *c,
           gint64    reported)
{
  g_autofree char *date = xa_calendar_format_date (reported);
  int month = atoi (date + 5);
  const char *category;
  guint matching[16], n = 0;

  category = xs_demo_categories[pick_weighted (city->rand, city->problem_weights,
                                                xs_demo_n_categories)].code;
  /* Heating only in its season, flooding only in summer, lifts only where there are any. */
  if (g_str_has_prefix (category, "UTIL-03") && month > 3 && month < 11)
    category = "SVC-01";
  if (g_str_has_prefix (category, "FLOOD") && (month < 5 || month > 9))
    category = "SANI-01";
  if (g_str_has_prefix (category, "ELEV") && c->highrise == 0 && c->retrofit_lifts == 0)
    category = "SVC-01";
  for (guint i = 0; i < xs_demo_n_problem_texts && n < G_N_ELEMENTS (matching); i++)
    if (strcmp (xs_demo_problem_texts[i].category, category) == 0)
      matching[n++] = i;
  g_assert (n > 0);
  return matching[g_rand_int_range (city->rand, 0, n)];
}

static int
pick_satisfaction (GRand *rand)
{
  static const guint weights[] = { 2, 3, 8, 29, 58 };

  return 1 + pick_weighted (rand, weights, 5);
}

/* One everyday problem of @c; open ones are recent or long stuck, the rest were settled. */
static void
plan_problem (City     *city,
              GArray   *problems,
              guint     index,
              gboolean  open)
{
  Compound *c = &city->compounds[index];
  gint64 now = DEMO_NOW;
  gint64 reported;
  const char *tier;
  const XsDemoProblemText *text;
  Problem p = { index, };
  int span_days;

  /* Simple cases are settled within days, so the backlog is mostly consultations of the
   * last weeks, the simple cases of the last few days, and a tail of stuck ones. */
  if (!open)
    {
      reported = xa_calendar_time (2024, 9, 1, 7, 0)
                 + (gint64) (g_rand_double (city->rand) * (xa_calendar_time (2025, 9, 5, 7, 0) -
                                                          xa_calendar_time (2024, 9, 1, 7, 0)));
      tier = chance (city->rand, 0.16) ? "consultation" : "on_site";
    }
  else
    {
      double u = g_rand_double (city->rand);

      if (u < 0.2)
        reported = xa_calendar_time (2025, 6, 1, 7, 0)
                   + (gint64) rand_int (city->rand, 0, 70) * DAY;
      else if (u < 0.55)
        reported = xa_calendar_time (2025, 9, 8, 7, 0)
                   + (gint64) rand_int (city->rand, 0, 2) * DAY;
      else
        reported = xa_calendar_time (2025, 8, 22, 7, 0)
                   + (gint64) rand_int (city->rand, 0, 19) * DAY;
      tier = u >= 0.2 && u < 0.55 ? "on_site" : "consultation";
    }
  /* People call between 07:00 and 22:00. */
  reported = xa_calendar_day_number (reported) * DAY - XA_CALENDAR_UTC_OFFSET + 7 * HOUR
             + rand_int (city->rand, 0, 15 * 60) * 60;
  p.reported = reported;
  text = &xs_demo_problem_texts[pick_text (city, c, reported)];
  p.category = category_index (text->category);
  p.source = pick_source (city->rand);
  p.tier = tier;
  p.title = g_strdup (text->title);
  if (c->buildings > 0 && !g_str_has_prefix (text->category, "NOISE") &&
      !g_str_has_prefix (text->category, "REV") && !g_str_has_prefix (text->category, "CONTRACT"))
    {
      int building = rand_int (city->rand, 1, c->buildings);
      int unit = rand_int (city->rand, 1, 3);

      p.description = g_strdup_printf ("%d号楼%d单元：%s", building, unit, text->description);
    }
  else
    p.description = g_strdup (text->description);
  p.responsible = responsible_party (c, text->category, p.tier);
  if (strcmp (p.tier, "on_site") != 0)
    span_days = 5 * rand_int (city->rand, open ? 4 : 3, 6);
  else if (open)
    span_days = 7;
  else
    span_days = 2 * rand_int (city->rand, 1, 3) + 1;
  p.deadline = reported + (gint64) span_days * DAY;
  if (open)
    p.status = chance (city->rand, 0.4) ? "open" : "in_progress";
  else
    {
      double share = chance (city->rand, 0.06) ? rand_range (city->rand, 1.05, 1.6)
                                               : rand_range (city->rand, 0.05, 0.95);
      gint64 taken = MAX (2 * HOUR, (gint64) (share * span_days * DAY));

      p.resolved = MIN (working_hours (reported + taken), now - HOUR);
      p.resolved = MAX (p.resolved, reported + HOUR);
      p.resolution = g_strdup (text->resolution);
      p.status = p.resolved < now - 7 * DAY && chance (city->rand, 0.92) ? "closed" : "resolved";
      if (strcmp (p.status, "closed") == 0 || chance (city->rand, 0.4))
        p.satisfaction = pick_satisfaction (city->rand);
    }
  p.order = problems->len;
  g_array_append_val (problems, p);
}

static void
add_story (GArray     *problems,
           guint       index,
           const char *category,
           const char *source,
           const char *tier,
           const char *title,
           const char *description,
           const char *responsible,
           gint64      reported,
           gint64      deadline,
           gint64      resolved,
           const char *resolution,
           int         satisfaction)
{
  Problem p = { index, category_index (category), source, tier, NULL, g_strdup (title),
                g_strdup (description), g_strdup (responsible), g_strdup (resolution),
                reported, deadline, resolved, satisfaction, problems->len };

  p.status = resolved == 0 ? "in_progress" : "closed";
  g_array_append_val (problems, p);
}

static guint
named_index (City *city,
             guint which)
{
  for (guint i = 0; i < city->n_compounds; i++)
    if (city->compounds[i].named == (int) which)
      return i;
  g_assert_not_reached ();
}

/* The article's stories, as the ledger would hold them. */
static void
plan_stories (City   *city,
              GArray *problems)
{
  guint junlan = named_index (city, NAMED_JUNLAN), boguan = named_index (city, NAMED_BOGUAN);
  const XsDemoProblemText *rain = &xs_demo_city_problem_texts[1];
  const XsDemoProblemText *power = &xs_demo_city_problem_texts[3];

  add_story (problems, junlan, "FLOOD-01", "cadre", "consultation", "南门积水：三江路排水不畅",
             "台风“竹节草”影响期间，南门因三江路排水不畅积水；周边道路建设停滞，排水设施不完善。",
             "罗庄区住建局物业管理办公室、盛庄街道办事处",
             xa_calendar_time (2025, 7, 30, 8, 40), xa_calendar_time (2025, 8, 4, 18, 0),
             xa_calendar_time (2025, 8, 2, 18, 0),
             "督促物业增加值班人员和应急排水设施，调配排水泵、抽污车抽排积水；"
             "排查疏通三江路、双月园路及小区管网。", 5);
  add_story (problems, junlan, "FLOOD-01", "inspection", "consultation",
             "东门路东排水口被建筑垃圾堵塞", "东门路东排水口被建筑垃圾堵塞，雨水无法排出。",
             "罗庄区综合行政执法局", xa_calendar_time (2025, 7, 30, 10, 15),
             xa_calendar_time (2025, 8, 4, 18, 0), xa_calendar_time (2025, 8, 1, 17, 30),
             "组织清理东门建筑垃圾，疏通排水口。", 5);
  add_story (problems, named_index (city, NAMED_LANSE), "REV-01", "inspection", "consultation",
             "公共收益收支不规范",
             "商业和公寓组成的商业综合体，未成立业主委员会；检查发现公共收益收支不规范。",
             "费县住房和城乡建设局", xa_calendar_time (2025, 3, 18, 9, 30),
             xa_calendar_time (2025, 4, 17, 18, 0), xa_calendar_time (2025, 4, 15, 16, 0),
             "对公共收益收支严格监督，共监管资金148125元，其中40178.4元用于小区公共设施维护和改造，"
             "得到业主一致好评。", 5);
  add_story (problems, named_index (city, NAMED_YILONGWAN), "CHG-01", "cadre", "consultation",
             "电动车充电难", "约1400辆电动车充电难，楼道充电、飞线充电屡禁不止。",
             "临沂润泽物业服务有限公司", xa_calendar_time (2024, 11, 5, 10, 0),
             xa_calendar_time (2025, 5, 31, 18, 0), xa_calendar_time (2025, 4, 28, 17, 0),
             "获业主授权建成19处34个车棚，覆盖26栋楼，可容纳1300—1500辆电动车，端口比例1:1；"
             "电梯加装梯控阻车上楼；小区外建设3处近2000平方米大功率停放充电区，设僵尸车存放处；"
             "与运营商商定合理充电价。", 5);
  add_story (problems, boguan, "ROAD-01", "hotline_12345", "city", "西出口多年未按规划开通",
             "西出口多年未按规划开通，业主出行需绕行，高峰期拥堵严重，日均投诉最高达80余次；"
             "开发商缺位，费用分摊难，跨部门协调复杂。",
             "市住房城乡建设局（牵头），河东区住建局、九曲街道办事处",
             xa_calendar_time (2025, 4, 10, 9, 0), xa_calendar_time (2025, 8, 31, 18, 0),
             0, NULL, 0);
  /* The daily complaints before the city took the case over. */
  for (guint k = 0; k < 36; k++)
    {
      gint64 reported = xa_calendar_time (2024, 9, 2, 7, 30) + (gint64) k * 6 * DAY
                        + rand_int (city->rand, 0, 11 * 60) * 60;
      gint64 answered = reported + rand_int (city->rand, 1, 4) * DAY;
      int satisfaction = rand_int (city->rand, 2, 3);

      add_story (problems, boguan, "ROAD-01", "hotline_12345", "on_site",
                 "西出口未开通，出行绕行拥堵",
                 "业主反映小区西出口迟迟未开通，早晚高峰从东门绕行，拥堵严重。",
                 "临沂恒泰物业服务有限公司", reported, reported + 5 * DAY, answered,
                 "已向业主说明情况，问题纳入西出口开通专项协调。", satisfaction);
    }
  add_story (problems, named_index (city, NAMED_XIANGYU), rain->category, "cadre", "city",
             rain->title, rain->description, "市住房城乡建设局（牵头），市城市管理局",
             xa_calendar_time (2024, 10, 12, 9, 0), xa_calendar_time (2025, 6, 30, 18, 0),
             xa_calendar_time (2025, 5, 30, 17, 0), rain->resolution, 5);
  add_story (problems, named_index (city, NAMED_ZHENGXIE), power->category, "cadre", "city",
             power->title, power->description, "市住房城乡建设局（牵头），北城供电公司",
             xa_calendar_time (2025, 6, 18, 9, 0), xa_calendar_time (2025, 7, 31, 18, 0),
             xa_calendar_time (2025, 7, 25, 16, 0), power->resolution, 5);
}

/* Exactly 48 compounds had a hard problem settled at city level; two are the article's. */
static void
plan_city_tier (City   *city,
                GArray *problems)
{
  g_autofree guint *order = g_new (guint, city->n_compounds);
  guint taken = 2;

  for (guint i = 0; i < city->n_compounds; i++)
    order[i] = i;
  for (guint i = city->n_compounds - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (city->rand, 0, i + 1), t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  for (guint i = 0; taken < N_CITY_SOLVED; i++)
    {
      Compound *c = &city->compounds[order[i]];
      const XsDemoProblemText *text;
      const char *source;
      gint64 reported, resolved;
      int satisfaction;
      guint t;

      if (c->named == NAMED_XIANGYU || c->named == NAMED_ZHENGXIE)
        continue;
      do
        t = g_rand_int_range (city->rand, 0, xs_demo_n_city_problem_texts);
      while (t == 1 || t == 3);   /* those two are the article's own */
      text = &xs_demo_city_problem_texts[t];
      reported = xa_calendar_time (2024, 9, 5, 9, 0)
                 + (gint64) rand_int (city->rand, 0, 290) * DAY;
      resolved = reported + (gint64) rand_int (city->rand, 20, 120) * DAY;
      resolved = MIN (resolved, xa_calendar_time (2025, 9, 5, 17, 0));
      source = chance (city->rand, 0.6) ? "cadre" : "hotline_12345";
      satisfaction = 4 + chance (city->rand, 0.7);
      add_story (problems, order[i], text->category, source, "city", text->title,
                 text->description, "市住房城乡建设局（牵头）", reported, reported + 90 * DAY,
                 resolved, text->resolution, satisfaction);
      taken++;
    }
}

static int
problem_compare (const void *a,
                 const void *b)
{
  const Problem *pa = a, *pb = b;

  if (pa->reported != pb->reported)
    return pa->reported < pb->reported ? -1 : 1;
  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

/* Tickets are numbered per year: @ticket_last_year counts the calls of the years before
 * the city's "now", @ticket_this_year those of its year. */
static void
emit_problem (City    *city,
              Problem *p,
              guint    number,
              guint   *ticket_last_year,
              guint   *ticket_this_year)
{
  g_autofree char *id = g_strdup_printf ("PB%06u", number);
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "compound", city->compounds[p->compound].id);
  json_object_set_string_member (o, "category", xs_demo_categories[p->category].code);
  json_object_set_string_member (o, "source", p->source);
  if (strcmp (p->source, "hotline_12345") == 0)
    {
      /* Property orders are a slice of all 12345 orders: numbers grow with gaps. */
      int year = xa_calendar_year (shifted (city, p->reported));
      guint *counter = year < city->clock.year ? ticket_last_year : ticket_this_year;
      g_autofree char *ticket = NULL;

      *counter += rand_int (city->rand, 15, 120);
      ticket = g_strdup_printf ("12345-%d-%07u", year, *counter);
      json_object_set_string_member (o, "ticket_no", ticket);
    }
  json_object_set_string_member (o, "title", p->title);
  if (p->description != NULL)
    json_object_set_string_member (o, "description", p->description);
  _xs_demo_set_time (o, "reported_at", shifted (city, p->reported));
  _xs_demo_set_time (o, "deadline", shifted (city, p->deadline));
  json_object_set_string_member (o, "status", p->status);
  json_object_set_string_member (o, "tier", p->tier);
  json_object_set_string_member (o, "responsible_party", p->responsible);
  if (p->resolved != 0)
    _xs_demo_set_time (o, "resolved_at", shifted (city, p->resolved));
  if (p->resolution != NULL)
    json_object_set_string_member (o, "resolution_note", p->resolution);
  if (p->satisfaction > 0)
    json_object_set_int_member (o, "satisfaction", p->satisfaction);
  _xs_demo_city_emit (city, "problem", id, o);
}

void
_xs_demo_city_emit_problems (City *city)
{
  g_autoptr(GArray) problems = g_array_sized_new (FALSE, TRUE, sizeof (Problem), 17000);
  g_autofree double *weights = g_new (double, city->n_compounds);
  double total = 0;
  guint ticket_last_year, ticket_this_year;

  g_array_set_clear_func (problems, (GDestroyNotify) problem_clear);
  for (guint i = 0; i < xs_demo_n_categories; i++)
    city->problem_weights[i] = xs_demo_categories[i].weight;

  /* Older, bigger and self-managed compounds generate more complaints. */
  for (guint i = 0; i < city->n_compounds; i++)
    {
      Compound *c = &city->compounds[i];

      weights[i] = pow (MAX (c->households, 10), 0.85)
                   * (c->built_year < 2000 ? 1.5 : c->built_year < 2010 ? 1.2 : 1.0)
                   * (c->company == NULL ? 1.3 : 1.0)
                   * (strcmp (c->kind, "commercial") == 0 ? 0.6 : 1.0);
      total += weights[i];
    }
  for (guint i = 0; i < city->n_compounds; i++)
    {
      double resolved = weights[i] * RESOLVED_TARGET / total;
      double open = weights[i] * OPEN_TARGET / total;
      int n_resolved = (int) resolved + chance (city->rand, resolved - floor (resolved));
      int n_open = (int) open + chance (city->rand, open - floor (open));

      for (int k = 0; k < n_resolved; k++)
        plan_problem (city, problems, i, FALSE);
      for (int k = 0; k < n_open; k++)
        plan_problem (city, problems, i, TRUE);
    }
  plan_stories (city, problems);
  plan_city_tier (city, problems);

  /* A few more hard cases are with the city right now. */
  for (guint k = 0; k < 6; k++)
    {
      guint index = g_rand_int_range (city->rand, 0, city->n_compounds);
      const XsDemoProblemText *text =
        &xs_demo_city_problem_texts[g_rand_int_range (city->rand, 0, xs_demo_n_city_problem_texts)];
      gint64 reported = xa_calendar_time (2025, 5, 6, 9, 0)
                        + (gint64) rand_int (city->rand, 0, 100) * DAY;

      add_story (problems, index, text->category, "cadre", "city", text->title, text->description,
                 "市住房城乡建设局（牵头）", reported, reported + 90 * DAY, 0, NULL, 0);
    }

  qsort (problems->data, problems->len, sizeof (Problem), problem_compare);
  ticket_last_year = 860000 + rand_int (city->rand, 0, 20000);
  ticket_this_year = rand_int (city->rand, 100, 900);
  for (guint i = 0; i < problems->len; i++)
    emit_problem (city, &g_array_index (problems, Problem, i), i + 1, &ticket_last_year,
                  &ticket_this_year);
}

JsonObject *
xs_demo_city_new_problem (GRand      *rand,
                          const char *compound_id,
                          gint64      now)
{
  static const guint tier_weights[] = { 85, 15 };
  guint weights[64];
  const XsDemoProblemText *text;
  const char *tier;
  gboolean hotline;
  guint category, matching[16], n = 0;
  int days;
  JsonObject *o;

  g_return_val_if_fail (rand != NULL, NULL);
  g_return_val_if_fail (compound_id != NULL, NULL);

  for (guint i = 0; i < xs_demo_n_categories; i++)
    weights[i] = xs_demo_categories[i].weight;
  category = pick_weighted (rand, weights, xs_demo_n_categories);
  for (guint i = 0; i < xs_demo_n_problem_texts && n < G_N_ELEMENTS (matching); i++)
    if (strcmp (xs_demo_problem_texts[i].category, xs_demo_categories[category].code) == 0)
      matching[n++] = i;
  g_assert (n > 0);
  text = &xs_demo_problem_texts[matching[g_rand_int_range (rand, 0, n)]];
  hotline = chance (rand, 0.7);
  tier = pick_weighted (rand, tier_weights, 2) == 0 ? "on_site" : "consultation";

  o = json_object_new ();
  json_object_set_string_member (o, "compound", compound_id);
  json_object_set_string_member (o, "category", text->category);
  json_object_set_string_member (o, "source", hotline ? "hotline_12345" : "inspection");
  if (hotline)
    {
      g_autofree char *year = xa_calendar_format_date (now);
      g_autofree char *ticket = g_strdup_printf ("12345-%.4s-%07d", year,
                                                 rand_int (rand, 2000000, 9999999));

      json_object_set_string_member (o, "ticket_no", ticket);
    }
  json_object_set_string_member (o, "title", text->title);
  json_object_set_string_member (o, "description", text->description);
  _xs_demo_set_time (o, "reported_at", now);
  days = strcmp (tier, "on_site") == 0 ? rand_int (rand, 3, 7) : rand_int (rand, 10, 20);
  _xs_demo_set_time (o, "deadline", now + (gint64) days * DAY);
  json_object_set_string_member (o, "status", "open");
  json_object_set_string_member (o, "tier", tier);
  json_object_set_string_member (o, "responsible_party",
                                 strcmp (tier, "on_site") == 0 ? "物业服务企业" : "属地街道办事处");
  return o;
}
