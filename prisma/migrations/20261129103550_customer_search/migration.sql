-- Customer search that the trigram index can serve (docs/crm.md "Search at scale").
-- Under forced RLS, PostgreSQL only uses a qual inside an index scan (before the policy) when
-- its function is LEAKPROOF, and ILIKE (texticlike) is not: as the app role every search read
-- the whole workspace. This narrow SECURITY DEFINER function runs as tenantry_platform (which
-- bypasses RLS), so the planner may use customer_tenant_id_name_email_trgm_idx, and it applies
-- the tenant filter itself: only the transaction's tenant (app_current_tenant(), set by
-- app_set_tenant), nothing at all when no tenant is set. It returns ids only, one keyset page
-- (at most 101); the caller re-reads the rows through forTenant(), where RLS applies again.
-- On the SECURITY DEFINER allowlist of `npm run tenancy:check` (docs/tenancy.md).
--
-- Same semantics as listCustomers' search: case-insensitive "contains" on name OR email (the
-- user's text is matched literally: % _ \ are escaped), status active / archived / all, an
-- optional kind, sort 'created' (created_at DESC, id DESC) or 'name' (name, id), and a keyset
-- cursor (the boundary row's created_at or name, and its id); p_forward = false is the page
-- before the cursor, in reverse order. name and email are searched as two branches, each its
-- own index scan (PostgreSQL costs one `name OR email` BitmapOr above a sequential scan), then
-- the page of their union. Dynamic SQL only to pick the ORDER BY and keyset operators from
-- fixed fragments; every value is a USING parameter, and each call is planned with the actual
-- pattern (a cached generic plan would not know a two-letter search from a rare one).
CREATE OR REPLACE FUNCTION app_customer_search(
    p_query text,
    p_status text,
    p_kind "CustomerKind",
    p_sort text,
    p_forward boolean,
    p_cursor_created_at timestamptz,
    p_cursor_name text,
    p_cursor_id uuid,
    p_limit integer)
  RETURNS TABLE (id uuid)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $fn$
DECLARE
  v_tenant uuid := app_current_tenant();
  v_limit integer := LEAST(GREATEST(coalesce(p_limit, 0), 0), 101);
  v_pattern text;
  v_filter text := '';
  v_order text;
  v_keyset text := '';
  v_branch text;
BEGIN
  IF v_tenant IS NULL OR p_query IS NULL OR p_query = '' OR v_limit = 0 THEN
    RETURN;
  END IF;
  IF p_sort IS NULL OR p_sort NOT IN ('created', 'name') THEN
    RAISE EXCEPTION 'app_customer_search: unknown sort %', p_sort;
  END IF;
  IF p_status IS NULL OR p_status NOT IN ('active', 'archived', 'all') THEN
    RAISE EXCEPTION 'app_customer_search: unknown status %', p_status;
  END IF;
  v_pattern := '%' || replace(replace(replace(p_query, '\', '\\'), '%', '\%'), '_', '\_') || '%';

  IF p_status = 'active' THEN
    v_filter := ' AND c.archived_at IS NULL';
  ELSIF p_status = 'archived' THEN
    v_filter := ' AND c.archived_at IS NOT NULL';
  END IF;
  IF p_kind IS NOT NULL THEN
    v_filter := v_filter || ' AND c.kind = $3';
  END IF;

  -- The first, redundant bound (>= / <=) lets a deep page start at the cursor in the
  -- (tenant_id, created_at DESC, id DESC) / (tenant_id, name, id) index; the OR breaks ties by id.
  IF p_sort = 'created' THEN
    v_order := CASE WHEN p_forward THEN 'created_at DESC, id DESC' ELSE 'created_at ASC, id ASC' END;
    IF p_cursor_id IS NOT NULL AND p_cursor_created_at IS NOT NULL THEN
      v_keyset := CASE WHEN p_forward
        THEN ' AND c.created_at <= $4 AND (c.created_at < $4 OR (c.created_at = $4 AND c.id < $6))'
        ELSE ' AND c.created_at >= $4 AND (c.created_at > $4 OR (c.created_at = $4 AND c.id > $6))' END;
    END IF;
  ELSE
    v_order := CASE WHEN p_forward THEN 'name ASC, id ASC' ELSE 'name DESC, id DESC' END;
    IF p_cursor_id IS NOT NULL AND p_cursor_name IS NOT NULL THEN
      v_keyset := CASE WHEN p_forward
        THEN ' AND c.name >= $5 AND (c.name > $5 OR (c.name = $5 AND c.id > $6))'
        ELSE ' AND c.name <= $5 AND (c.name < $5 OR (c.name = $5 AND c.id < $6))' END;
    END IF;
  END IF;

  v_branch := '(SELECT c.id, c.name, c.created_at FROM customer c WHERE c.tenant_id = $1 AND c.%s ILIKE $2'
    || v_filter || v_keyset || ' ORDER BY ' || v_order || ' LIMIT $7)';
  RETURN QUERY EXECUTE
    'SELECT u.id FROM (' || format(v_branch, 'name') || ' UNION ' || format(v_branch, 'email')
    || ') AS u ORDER BY ' || v_order || ' LIMIT $7'
    USING v_tenant, v_pattern, p_kind, p_cursor_created_at, p_cursor_name, p_cursor_id, v_limit;
END
$fn$;
ALTER FUNCTION app_customer_search(text, text, "CustomerKind", text, boolean, timestamptz, text, uuid, integer) OWNER TO tenantry_platform;
REVOKE ALL ON FUNCTION app_customer_search(text, text, "CustomerKind", text, boolean, timestamptz, text, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_customer_search(text, text, "CustomerKind", text, boolean, timestamptz, text, uuid, integer) TO tenantry_app;
