COPY FROM stdin;\if
\.