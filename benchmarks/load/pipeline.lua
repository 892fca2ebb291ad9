-- wrk script: send N requests per write (pipelining), as the TechEmpower plaintext test does.
-- Usage: wrk -t2 -c64 -d10s -s pipeline.lua http://127.0.0.1:8080/plaintext -- 16
init = function(args)
  local depth = tonumber(args[1]) or 16
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  req = table.concat(r)
end

request = function()
  return req
end
