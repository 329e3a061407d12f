// Every migration, in order. Add a file NNNN_name.ts and list it here; never edit a shipped one.
import type { Migration } from '../migrate';
import { migration as m0001 } from './0001_station';
import { migration as m0002 } from './0002_sync';
import { migration as m0003 } from './0003_warehouse';
import { migration as m0004 } from './0004_crm';
import { migration as m0005 } from './0005_printing';
import { migration as m0006 } from './0006_jobs';
import { migration as m0007 } from './0007_station_security';
import { migration as m0008 } from './0008_rpc_idempotency';
import { migration as m0009 } from './0009_connections';
import { migration as m0010 } from './0010_sync';
import { migration as m0011 } from './0011_sync_pull';
import { migration as m0012 } from './0012_afosto';
import { migration as m0013 } from './0013_ucs_phone_index';
import { migration as m0014 } from './0014_tasks_activities';
import { migration as m0015 } from './0015_homs_orders';
import { migration as m0016 } from './0016_ucs_crm_details';
import { migration as m0017 } from './0017_afosto_shipment_reads';
import { migration as m0018 } from './0018_picking';
import { migration as m0019 } from './0019_packing';
import { migration as m0020 } from './0020_bench_devices';
import { migration as m0021 } from './0021_calls';
import { migration as m0022 } from './0022_agent_status';

export const allMigrations: readonly Migration[] = [
  m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018, m0019, m0020, m0021, m0022,
];
