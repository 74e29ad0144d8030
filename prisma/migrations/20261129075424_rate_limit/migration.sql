-- Rate limiting shared by every app instance (lib/rate-limit.ts). rate_limit_bucket has forced RLS
-- and no policy; these two narrow SECURITY DEFINER functions (on the catalog check's allowlist)
-- are the only way the app role touches it, without an audited crossTenant() per request.

CREATE OR REPLACE FUNCTION app_rate_limit_hit(p_key text, p_limit integer, p_window_ms integer)
  RETURNS TABLE (allowed boolean, retry_after_ms integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
#variable_conflict use_column
DECLARE
  v_now timestamptz := clock_timestamp();
  v_count integer;
  v_expires timestamptz;
BEGIN
  IF p_key IS NULL OR length(p_key) = 0 OR length(p_key) > 512 THEN
    RAISE EXCEPTION 'app_rate_limit_hit: key must be 1..512 characters' USING ERRCODE = '22023';
  END IF;
  IF p_limit IS NULL OR p_limit < 1 OR p_window_ms IS NULL OR p_window_ms < 1 OR p_window_ms > 604800000 THEN
    RAISE EXCEPTION 'app_rate_limit_hit: limit must be >= 1 and window 1 ms..7 days' USING ERRCODE = '22023';
  END IF;

  INSERT INTO rate_limit_bucket AS b (key, count, window_start, expires_at)
  VALUES (p_key, 1, v_now, v_now + p_window_ms * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    count        = CASE WHEN b.expires_at <= v_now THEN 1 ELSE least(b.count, 2147483646) + 1 END,
    window_start = CASE WHEN b.expires_at <= v_now THEN v_now ELSE b.window_start END,
    expires_at   = CASE WHEN b.expires_at <= v_now THEN EXCLUDED.expires_at ELSE b.expires_at END
  RETURNING b.count, b.expires_at INTO v_count, v_expires;

  allowed := v_count <= p_limit;
  retry_after_ms := CASE WHEN v_count <= p_limit THEN 0
                         ELSE greatest(1, ceil(extract(epoch FROM (v_expires - v_now)) * 1000))::integer END;
  RETURN NEXT;
END
$$;
ALTER FUNCTION app_rate_limit_hit(text, integer, integer) OWNER TO tenantry_platform;
REVOKE ALL ON FUNCTION app_rate_limit_hit(text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_rate_limit_hit(text, integer, integer) TO tenantry_app;

CREATE OR REPLACE FUNCTION app_rate_limit_sweep(p_max_rows integer)
  RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  WITH expired AS (
    SELECT key FROM rate_limit_bucket
     WHERE expires_at < clock_timestamp()
     ORDER BY expires_at
     LIMIT greatest(0, least(coalesce(p_max_rows, 0), 10000))
     FOR UPDATE SKIP LOCKED
  ), deleted AS (
    DELETE FROM rate_limit_bucket b USING expired e WHERE b.key = e.key RETURNING 1
  )
  SELECT count(*)::integer FROM deleted
$$;
ALTER FUNCTION app_rate_limit_sweep(integer) OWNER TO tenantry_platform;
REVOKE ALL ON FUNCTION app_rate_limit_sweep(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_rate_limit_sweep(integer) TO tenantry_app;
