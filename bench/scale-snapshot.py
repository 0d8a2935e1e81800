#!/usr/bin/env python3
"""A snapshot of N containers made from the recorded lab, for the benches: container i is the
lab's container i mod 7 under a new id and the name c00000..; the namespaces that are not the
host's get inodes of their own, and each run of ten containers shares the network namespace of
its first, as the containers of a pod do. Usage: scale-snapshot.py LAB.json N OUT.json"""
import copy, hashlib, json, sys
base = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
lab = base["containers"]
out = copy.deepcopy(base)
out["containers"] = []
for i in range(n):
    container = copy.deepcopy(lab[i % len(lab)])
    container["inspect"]["Id"] = hashlib.sha256(str(i).encode()).hexdigest()
    container["inspect"]["Name"] = "/c%05d" % i
    if i % 10:
        leader = hashlib.sha256(str(i - i % 10).encode()).hexdigest()
        container["inspect"].setdefault("HostConfig", {})["NetworkMode"] = "container:" + leader
    host = base["host"].get("namespaces", {}).get("value", {})
    processes = container.get("runtime", {}).get("value", {}).get("processes", {}).get("value", [])
    for process in processes:
        inodes = process.get("namespaces", {}).get("value")
        if inodes is None:
            continue
        for kind, inode in inodes.items():
            if inode != host.get(kind):
                # Past the lab's inodes: 16 per container, one per kind; the pod's first gives its net.
                owner = i - i % 10 if kind == "net" else i
                inodes[kind] = 4026600000 + owner * 16 + sorted(inodes).index(kind)
    out["containers"].append(container)
json.dump(out, open(sys.argv[3], "w"))
