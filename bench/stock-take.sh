#!/usr/bin/env bash
# The stock take alone on PostgreSQL: one backend runs 20,000 takes of 8 products (public numbers 1000-8000; give them
# stock first), each in its own transaction, and prints its CPU a take from /proc. For a database made with
# `afya bench-seed`; alternate trigger or index variants between runs and compare.
#   bash bench/stock-take.sh <database> <label>
set -euo pipefail
# As the other bench scripts: the local server as its postgres user (root runs the benches).
coproc PSQL { su postgres -c "psql -d '$1' -Atq" 2>&1; }
echo "SET synchronous_commit = off; SELECT pg_backend_pid();" >&"${PSQL[1]}"
read -r pid <&"${PSQL[0]}"
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"; }
t0=$(ticks)
echo "DO \$\$ BEGIN FOR k IN 1..20000 LOOP UPDATE catalog_products SET stock_quantity = stock_quantity - 1, units_sold = units_sold + 1 WHERE public_number = (k % 8 + 1) * 1000 AND stock_quantity >= 1; COMMIT; END LOOP; END \$\$; SELECT 1;" >&"${PSQL[1]}"
read -r _ <&"${PSQL[0]}"
t1=$(ticks)
echo "\\q" >&"${PSQL[1]}"
python3 -c "import sys; print(f'$2: backend CPU {(int(sys.argv[2]) - int(sys.argv[1])) * 1000000 / int(sys.argv[3]) / 20000:.1f} us/take, load $(cut -d' ' -f1 /proc/loadavg)')" "$t0" "$t1" "$(getconf CLK_TCK)"
