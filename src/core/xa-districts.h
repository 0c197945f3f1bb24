/* xa-districts.h — Linyi's divisions: its three urban districts (区) and nine counties (县)
 * with their codes, names and seats (shared/DOMAIN.md). The one table that the demo city of
 * the server and the synthetic city of the tests and benchmarks are built on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;    /* the administrative division code, the district record's id */
  const char *name;
  double      lat;     /* the seat, WGS-84, rounded to 0.01° */
  double      lon;
  gboolean    urban;   /* a district of the city proper rather than a county */
} XaLinyiDistrict;

#define XA_LINYI_N_DISTRICTS 12
/* The urban districts first, then the counties, each in code order. */
extern const XaLinyiDistrict xa_linyi_districts[XA_LINYI_N_DISTRICTS];

G_END_DECLS
