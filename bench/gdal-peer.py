"""The GDAL peer: EPSG:3857 tiles of a COG rendered the way the GDAL-based Python servers render them at
their core (django-large-image's GDAL tile source; rio-tiler's warped reads under TiTiler): a
nearest-neighbour warp of the tile's bounds into memory (gdalwarp -r near -dstalpha, the overview chosen
as gdalwarp chooses it), then a PNG from GDAL's driver at the server's zlib level. One process per core,
like a Python server with that many workers, each with the file open and GDAL's block cache; no HTTP.

Reads {"file", "cold", "warm", "processes", "zlevel"} (tiles as [z, x, y]) as JSON on stdin, renders the
cold tiles (to open the file and warm GDAL's caches, as the server's cold set does), then times the warm
ones, and prints {"rps", "cpuMsPerTile", "bytesPerTile"} as JSON.
"""
import json
import os
import sys
import time
from multiprocessing import Pool

from osgeo import gdal

HALF_WORLD = 20037508.342789244
dataset = None
png_options = []


def tile_bounds(z, x, y):
    size = 2 * HALF_WORLD / 2**z
    return (-HALF_WORLD + x * size, HALF_WORLD - (y + 1) * size, -HALF_WORLD + (x + 1) * size, HALF_WORLD - y * size)


def open_file(path, zlevel):
    global dataset, png_options
    gdal.UseExceptions()
    dataset = gdal.Open(path)
    png_options = [f"ZLEVEL={zlevel}"]


def render(tile):
    """One tile: its PNG's size and the CPU this process spent on it, in seconds."""
    started = time.process_time()
    z, x, y = tile
    warped = gdal.Warp(
        "", dataset, format="MEM", dstSRS="EPSG:3857", outputBounds=tile_bounds(z, x, y),
        width=256, height=256, resampleAlg="near", dstAlpha=True,
    )
    name = f"/vsimem/tile-{os.getpid()}.png"
    gdal.GetDriverByName("PNG").CreateCopy(name, warped, options=png_options)
    size = gdal.VSIStatL(name).size
    gdal.Unlink(name)
    return size, time.process_time() - started


def main():
    job = json.load(sys.stdin)
    with Pool(job["processes"], initializer=open_file, initargs=(job["file"], job["zlevel"])) as pool:
        list(pool.imap_unordered(render, job["cold"], chunksize=4))
        started = time.perf_counter()
        answers = list(pool.imap_unordered(render, job["warm"], chunksize=4))
        seconds = time.perf_counter() - started
    count = len(answers)
    json.dump({
        "rps": count / seconds,
        "cpuMsPerTile": 1000 * sum(cpu for _, cpu in answers) / count,
        "bytesPerTile": sum(size for size, _ in answers) / count,
    }, sys.stdout)


if __name__ == "__main__":
    main()
