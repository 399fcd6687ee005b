#!/bin/sh
# make run: the main job on the bundled samples (being written).
echo "paxwatch: build ok ($1)"
