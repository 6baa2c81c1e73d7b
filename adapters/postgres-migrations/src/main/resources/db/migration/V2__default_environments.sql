-- The environments every installation starts with, as Environment.defaults describes them.
INSERT INTO environments (key, name, protected, created_at) VALUES
    ('development', 'Development', false, now()),
    ('staging',     'Staging',     false, now()),
    ('production',  'Production',  true,  now());
