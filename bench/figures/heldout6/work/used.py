import json,sys
from pathlib import Path
F=Path(__file__).resolve().parents[2]
H=F/"heldout6"
src=set();seen=set()
for p in F.rglob("*.jsonl"):
    if H in p.parents: continue
    for l in p.read_text().splitlines():
        if l.strip():
            r=json.loads(l); src.add(r.get("source")); t=r.get("text","")
            seen|={t[i:i+40] for i in range(len(t)-39)}
for a in sys.argv[1:]:
    print(a, "USED" if a in src else "ok", [s for s in src if s and a.split('//')[-1].split('/')[0] in s][:3] if a not in src else "")
