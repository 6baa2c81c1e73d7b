-- wrk script: GET the URL wrk was given (path and query), as the admin that http-evaluate.sh signed in.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BUNTING_BENCH_TOKEN")
