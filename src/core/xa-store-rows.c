/* xa-store-rows.c — how each record type maps onto its table: the column lists, binding a
 * parsed record to its upsert statement, and reading a row back into a record. Kept apart
 * from xa-store.c so the store's transaction logic reads on its own. */
#include "config.h"

#include "xa-store-private.h"

/* The tables in dependency order: parents before the records that point at them. */
const char * const _xa_store_table_names[XA_N_RECORD_TYPES] = {
  [XA_RECORD_DISTRICT] = "district",
  [XA_RECORD_CATEGORY] = "category",
  [XA_RECORD_COMPOUND] = "compound",
  [XA_RECORD_CADRE] = "cadre",
  [XA_RECORD_FLOOD_CHECK] = "flood_check",
  [XA_RECORD_CHARGING] = "charging",
  [XA_RECORD_ELEVATOR] = "elevator",
  [XA_RECORD_PROBLEM] = "problem",
};

/* The columns each upsert binds after (id, version), in binding order. */
const char * const _xa_store_table_columns[XA_N_RECORD_TYPES] = {
  [XA_RECORD_DISTRICT] = "name, lat, lon",
  [XA_RECORD_CATEGORY] = "name_zh, name_en, key_action",
  [XA_RECORD_COMPOUND] = "name, district, subdistrict, community, address, lat, lon, boundary, "
                         "kind, built_year, buildings, households, property_company, "
                         "owners_committee, public_revenue_recorded, special_account, "
                         "supervised_fen",
  [XA_RECORD_CADRE] = "name, unit, phone",
  [XA_RECORD_FLOOD_CHECK] = "compound, season, supplies_in_place, supplies_date, supplies_notes, "
                            "personnel_in_place, personnel_date, personnel_notes, "
                            "plan_in_place, plan_date, plan_notes, drill_in_place, drill_date, "
                            "drill_notes, drills_held, pumps, sandbags, low_lying_spots, "
                            "problems_found, problems_fixed, inspected_at, inspected_by",
  [XA_RECORD_CHARGING] = "compound, registered_ebikes, ports, smart_ports, sheds, outside_sites",
  [XA_RECORD_ELEVATOR] = "compound, building, unit, registration_code, maker, model, "
                         "commissioned, last_inspection, inspection_result, faults_12m, "
                         "entrapments_12m, assessment_grade, renewal_status, planned_year, "
                         "funding_source",
  [XA_RECORD_PROBLEM] = "compound, category, source, ticket_no, title, description, reported_at, "
                        "deadline, status, tier, responsible_party, resolved_at, "
                        "resolution_note, satisfaction",
};

/* — binding records to their upsert statement — */

static void
bind_text (sqlite3_stmt *stmt,
           int          *column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, (*column)++, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, (*column)++);
}

static void
bind_int (sqlite3_stmt *stmt,
          int          *column,
          gint64        value)
{
  sqlite3_bind_int64 (stmt, (*column)++, value);
}

/* Optional integers are NULL in the store when the record has none (0 in the struct). */
static void
bind_optional_int (sqlite3_stmt *stmt,
                   int          *column,
                   gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, (*column)++, value);
  else
    sqlite3_bind_null (stmt, (*column)++);
}

static void
bind_enum (sqlite3_stmt       *stmt,
           int                *column,
           const char * const *names,
           int                 value)
{
  bind_text (stmt, column, value >= 0 ? names[value] : NULL);
}

static void
bind_double (sqlite3_stmt *stmt,
             int          *column,
             double        value)
{
  sqlite3_bind_double (stmt, (*column)++, value);
}

void
_xa_store_bind_record (sqlite3_stmt *stmt,
             XaChange     *change)
{
  int col = 1;

  bind_text (stmt, &col, change->id);
  bind_int (stmt, &col, change->version);

  switch (change->type)
    {
    case XA_RECORD_DISTRICT:
      {
        XaDistrict *d = change->record;
        bind_text (stmt, &col, d->name);
        bind_double (stmt, &col, d->lat);
        bind_double (stmt, &col, d->lon);
      }
      break;

    case XA_RECORD_CATEGORY:
      {
        XaCategory *c = change->record;
        bind_text (stmt, &col, c->name_zh);
        bind_text (stmt, &col, c->name_en);
        bind_enum (stmt, &col, xa_key_action_names, c->key_action);
      }
      break;

    case XA_RECORD_COMPOUND:
      {
        XaCompound *c = change->record;
        bind_text (stmt, &col, c->name);
        bind_text (stmt, &col, c->district);
        bind_text (stmt, &col, c->subdistrict);
        bind_text (stmt, &col, c->community);
        bind_text (stmt, &col, c->address);
        bind_double (stmt, &col, c->lat);
        bind_double (stmt, &col, c->lon);
        /* The ring as raw doubles: read back without parsing, drawn at high zoom. */
        if (c->boundary != NULL)
          sqlite3_bind_blob (stmt, col++, c->boundary,
                             c->n_boundary_points * 2 * sizeof (double), SQLITE_STATIC);
        else
          sqlite3_bind_null (stmt, col++);
        bind_enum (stmt, &col, xa_compound_kind_names, c->kind);
        bind_optional_int (stmt, &col, c->built_year);
        bind_int (stmt, &col, c->buildings);
        bind_int (stmt, &col, c->households);
        bind_text (stmt, &col, c->property_company);
        bind_int (stmt, &col, c->owners_committee);
        bind_int (stmt, &col, c->public_revenue_recorded);
        bind_int (stmt, &col, c->special_account);
        bind_int (stmt, &col, c->supervised_fen);
      }
      break;

    case XA_RECORD_CADRE:
      {
        XaCadre *c = change->record;
        bind_text (stmt, &col, c->name);
        bind_text (stmt, &col, c->unit);
        bind_text (stmt, &col, c->phone);
      }
      break;

    case XA_RECORD_FLOOD_CHECK:
      {
        XaFloodCheck *f = change->record;
        bind_text (stmt, &col, f->compound);
        bind_int (stmt, &col, f->season);
        for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
          {
            bind_int (stmt, &col, f->items[i].in_place);
            bind_text (stmt, &col, f->items[i].date);
            bind_text (stmt, &col, f->items[i].notes);
          }
        bind_int (stmt, &col, f->drills_held);
        bind_int (stmt, &col, f->pumps);
        bind_int (stmt, &col, f->sandbags);
        bind_int (stmt, &col, f->low_lying_spots);
        bind_int (stmt, &col, f->problems_found);
        bind_int (stmt, &col, f->problems_fixed);
        bind_int (stmt, &col, f->inspected_at);
        bind_text (stmt, &col, f->inspected_by);
      }
      break;

    case XA_RECORD_CHARGING:
      {
        XaCharging *c = change->record;
        bind_text (stmt, &col, c->compound);
        bind_int (stmt, &col, c->registered_ebikes);
        bind_int (stmt, &col, c->ports);
        bind_int (stmt, &col, c->smart_ports);
        bind_int (stmt, &col, c->sheds);
        bind_int (stmt, &col, c->outside_sites);
      }
      break;

    case XA_RECORD_ELEVATOR:
      {
        XaElevator *e = change->record;
        bind_text (stmt, &col, e->compound);
        bind_text (stmt, &col, e->building);
        bind_text (stmt, &col, e->unit);
        bind_text (stmt, &col, e->registration_code);
        bind_text (stmt, &col, e->maker);
        bind_text (stmt, &col, e->model);
        bind_text (stmt, &col, e->commissioned);
        bind_text (stmt, &col, e->last_inspection);
        bind_enum (stmt, &col, xa_inspection_result_names, e->inspection_result);
        bind_int (stmt, &col, e->faults_12m);
        bind_int (stmt, &col, e->entrapments_12m);
        bind_enum (stmt, &col, xa_assessment_grade_names, e->assessment_grade);
        bind_enum (stmt, &col, xa_renewal_status_names, e->renewal_status);
        bind_optional_int (stmt, &col, e->planned_year);
        bind_enum (stmt, &col, xa_funding_source_names, e->funding_source);
      }
      break;

    case XA_RECORD_PROBLEM:
      {
        XaProblem *p = change->record;
        bind_text (stmt, &col, p->compound);
        bind_text (stmt, &col, p->category);
        bind_enum (stmt, &col, xa_problem_source_names, p->source);
        bind_text (stmt, &col, p->ticket_no);
        bind_text (stmt, &col, p->title);
        bind_text (stmt, &col, p->description);
        bind_int (stmt, &col, p->reported_at);
        bind_int (stmt, &col, p->deadline);
        bind_enum (stmt, &col, xa_problem_status_names, p->status);
        bind_enum (stmt, &col, xa_problem_tier_names, p->tier);
        bind_text (stmt, &col, p->responsible_party);
        bind_optional_int (stmt, &col, p->resolved_at);
        bind_text (stmt, &col, p->resolution_note);
        bind_optional_int (stmt, &col, p->satisfaction);
      }
      break;

    case XA_N_RECORD_TYPES:
    default:
      g_assert_not_reached ();
    }
}


/* — reading rows back into records — */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *) text) : NULL;
}

static int
column_enum (sqlite3_stmt       *stmt,
             int                 column,
             const char * const *names,
             int                 absent)
{
  int value = xa_enum_from_string (names, (const char *) sqlite3_column_text (stmt, column));
  return value >= 0 ? value : absent;
}

gpointer
_xa_store_read_row (sqlite3      *db,
                    XaRecordType  type,
                    sqlite3_stmt *stmt)
{
  int c = 2;   /* columns 0 and 1 are id and version */

  switch (type)
    {
    case XA_RECORD_DISTRICT:
      {
        XaDistrict *d = g_new0 (XaDistrict, 1);
        d->code = column_dup (stmt, 0);
        d->name = column_dup (stmt, c++);
        d->lat = sqlite3_column_double (stmt, c++);
        d->lon = sqlite3_column_double (stmt, c++);
        return d;
      }
    case XA_RECORD_CATEGORY:
      {
        XaCategory *k = g_new0 (XaCategory, 1);
        k->code = column_dup (stmt, 0);
        k->name_zh = column_dup (stmt, c++);
        k->name_en = column_dup (stmt, c++);
        k->key_action = column_enum (stmt, c++, xa_key_action_names, XA_KEY_ACTION_NONE);
        return k;
      }
    case XA_RECORD_COMPOUND:
      {
        XaCompound *o = g_new0 (XaCompound, 1);
        int bytes;
        o->id = column_dup (stmt, 0);
        o->name = column_dup (stmt, c++);
        o->district = column_dup (stmt, c++);
        o->subdistrict = column_dup (stmt, c++);
        o->community = column_dup (stmt, c++);
        o->address = column_dup (stmt, c++);
        o->lat = sqlite3_column_double (stmt, c++);
        o->lon = sqlite3_column_double (stmt, c++);
        bytes = sqlite3_column_bytes (stmt, c);
        if (bytes > 0 && bytes % (2 * sizeof (double)) == 0)
          {
            o->boundary = g_memdup2 (sqlite3_column_blob (stmt, c), bytes);
            o->n_boundary_points = bytes / (2 * sizeof (double));
          }
        c++;
        o->kind = column_enum (stmt, c++, xa_compound_kind_names, XA_COMPOUND_RESIDENTIAL);
        o->built_year = sqlite3_column_int (stmt, c++);
        o->buildings = sqlite3_column_int (stmt, c++);
        o->households = sqlite3_column_int (stmt, c++);
        o->property_company = column_dup (stmt, c++);
        o->owners_committee = sqlite3_column_int (stmt, c++);
        o->public_revenue_recorded = sqlite3_column_int (stmt, c++);
        o->special_account = sqlite3_column_int (stmt, c++);
        o->supervised_fen = sqlite3_column_int64 (stmt, c++);
        return o;
      }
    case XA_RECORD_CADRE:
      {
        XaCadre *d = g_new0 (XaCadre, 1);
        g_autoptr(GPtrArray) links = g_ptr_array_new ();
        sqlite3_stmt *link_stmt = NULL;
        d->id = column_dup (stmt, 0);
        d->name = column_dup (stmt, c++);
        d->unit = column_dup (stmt, c++);
        d->phone = column_dup (stmt, c++);
        if (sqlite3_prepare_v2 (db, "SELECT compound FROM cadre_compound WHERE cadre = ? "
                                "ORDER BY compound", -1, &link_stmt, NULL) == SQLITE_OK)
          {
            sqlite3_bind_text (link_stmt, 1, d->id, -1, SQLITE_STATIC);
            while (sqlite3_step (link_stmt) == SQLITE_ROW)
              g_ptr_array_add (links, column_dup (link_stmt, 0));
            sqlite3_finalize (link_stmt);
          }
        g_ptr_array_add (links, NULL);
        d->compounds = (char **) g_ptr_array_steal (links, NULL);
        return d;
      }
    case XA_RECORD_FLOOD_CHECK:
      {
        XaFloodCheck *f = g_new0 (XaFloodCheck, 1);
        f->id = column_dup (stmt, 0);
        f->compound = column_dup (stmt, c++);
        f->season = sqlite3_column_int (stmt, c++);
        for (guint i = 0; i < XA_N_FLOOD_ITEMS; i++)
          {
            f->items[i].in_place = sqlite3_column_int (stmt, c++);
            f->items[i].date = column_dup (stmt, c++);
            f->items[i].notes = column_dup (stmt, c++);
          }
        f->drills_held = sqlite3_column_int (stmt, c++);
        f->pumps = sqlite3_column_int (stmt, c++);
        f->sandbags = sqlite3_column_int (stmt, c++);
        f->low_lying_spots = sqlite3_column_int (stmt, c++);
        f->problems_found = sqlite3_column_int (stmt, c++);
        f->problems_fixed = sqlite3_column_int (stmt, c++);
        f->inspected_at = sqlite3_column_int64 (stmt, c++);
        f->inspected_by = column_dup (stmt, c++);
        return f;
      }
    case XA_RECORD_CHARGING:
      {
        XaCharging *h = g_new0 (XaCharging, 1);
        h->id = column_dup (stmt, 0);
        h->compound = column_dup (stmt, c++);
        h->registered_ebikes = sqlite3_column_int (stmt, c++);
        h->ports = sqlite3_column_int (stmt, c++);
        h->smart_ports = sqlite3_column_int (stmt, c++);
        h->sheds = sqlite3_column_int (stmt, c++);
        h->outside_sites = sqlite3_column_int (stmt, c++);
        return h;
      }
    case XA_RECORD_ELEVATOR:
      {
        XaElevator *e = g_new0 (XaElevator, 1);
        e->id = column_dup (stmt, 0);
        e->compound = column_dup (stmt, c++);
        e->building = column_dup (stmt, c++);
        e->unit = column_dup (stmt, c++);
        e->registration_code = column_dup (stmt, c++);
        e->maker = column_dup (stmt, c++);
        e->model = column_dup (stmt, c++);
        e->commissioned = column_dup (stmt, c++);
        e->last_inspection = column_dup (stmt, c++);
        e->inspection_result = column_enum (stmt, c++, xa_inspection_result_names, XA_INSPECTION_NONE);
        e->faults_12m = sqlite3_column_int (stmt, c++);
        e->entrapments_12m = sqlite3_column_int (stmt, c++);
        e->assessment_grade = column_enum (stmt, c++, xa_assessment_grade_names, XA_GRADE_NONE);
        e->renewal_status = column_enum (stmt, c++, xa_renewal_status_names, XA_RENEWAL_NONE);
        e->planned_year = sqlite3_column_int (stmt, c++);
        e->funding_source = column_enum (stmt, c++, xa_funding_source_names, XA_FUNDING_NONE);
        return e;
      }
    case XA_RECORD_PROBLEM:
      {
        XaProblem *p = g_new0 (XaProblem, 1);
        p->id = column_dup (stmt, 0);
        p->compound = column_dup (stmt, c++);
        p->category = column_dup (stmt, c++);
        p->source = column_enum (stmt, c++, xa_problem_source_names, XA_SOURCE_HOTLINE_12345);
        p->ticket_no = column_dup (stmt, c++);
        p->title = column_dup (stmt, c++);
        p->description = column_dup (stmt, c++);
        p->reported_at = sqlite3_column_int64 (stmt, c++);
        p->deadline = sqlite3_column_int64 (stmt, c++);
        p->status = column_enum (stmt, c++, xa_problem_status_names, XA_STATUS_OPEN);
        p->tier = column_enum (stmt, c++, xa_problem_tier_names, XA_TIER_ON_SITE);
        p->responsible_party = column_dup (stmt, c++);
        p->resolved_at = sqlite3_column_int64 (stmt, c++);
        p->resolution_note = column_dup (stmt, c++);
        p->satisfaction = sqlite3_column_int (stmt, c++);
        return p;
      }
    case XA_N_RECORD_TYPES:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

