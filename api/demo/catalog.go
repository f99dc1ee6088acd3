package demo

// category is a product family the scripted agent knows about.
type category struct {
	Key      string // stable identifier stored in conversation state
	Singular string // "microwave"
	Plural   string // "microwaves"
	Slug     string // path segment of product links
	// Delivery is the usual delivery time in working days, as "2–4".
	Delivery string
	// Large appliances come by a two-person crew who can install them and
	// take the old one away; small ones come by parcel.
	Large bool
}

// The categories, in the order the agent lists them.
var (
	catMicrowave = category{"microwave", "microwave", "microwaves", "microwaves", "2–4", false}
	catOven      = category{"oven", "oven", "ovens", "ovens", "3–5", true}
	catFridge    = category{"fridge", "fridge", "fridges", "fridges", "3–5", true}
	catDish      = category{"dishwasher", "dishwasher", "dishwashers", "dishwashers", "3–5", true}
	catCoffee    = category{"coffee", "coffee machine", "coffee machines", "coffee-machines", "1–3", false}
	catWasher    = category{"washer", "washing machine", "washing machines", "washing-machines", "3–5", true}
	catVacuum    = category{"vacuum", "vacuum cleaner", "vacuum cleaners", "vacuum-cleaners", "1–3", false}
)

// categories lists every category, in display order.
var categories = []category{catMicrowave, catOven, catFridge, catDish, catCoffee, catWasher, catVacuum}

// categoryByKey finds a category from its stored key.
func categoryByKey(key string) (category, bool) {
	for _, c := range categories {
		if c.Key == key {
			return c, true
		}
	}
	return category{}, false
}

// size is an alternative size of a product, sold at a price difference.
type size struct {
	Capacity float64
	Delta    int // cents added to the base price
}

// product is one catalog entry. Prices are in cents so that arithmetic and
// comparisons are exact.
type product struct {
	SKU      string
	Name     string
	Brand    string
	Cat      category
	Tags     []string // kinds: "built-in", "countertop", "espresso", ...
	Price    int      // cents
	WasPrice int      // cents; > 0 when the product is on sale
	Capacity float64  // in Unit
	Unit     string   // "L", "kg" or "place settings"
	Colors   []string // first is the color shown by default
	Sizes    []size
	Energy   string // EU label, "A+++" best
	Rating   float64
	Reviews  int
	Seller   int // best-seller rank, 0 when not a best seller
	Features []string
	Dims     string // W × H × D
	Power    string
	Noise    string // "52 dB"
	Warranty int    // manufacturer's warranty in years
	Stock    int    // units ready to ship; 0 is sold out
}

// onSale reports whether the product has a reduced price.
func (p product) onSale() bool { return p.WasPrice > p.Price }

// catalog is the demo shop. It is never modified after initialisation.
var catalog = []product{
	// Microwaves
	{SKU: "NV-BM25X", Name: "Nordvik BM25X Built-in Microwave", Brand: "Nordvik", Cat: catMicrowave,
		Tags: []string{"built-in"}, Price: 35808, Capacity: 25, Unit: "L",
		Colors: []string{"Stainless steel", "Black"}, Sizes: []size{{32, 6000}},
		Energy: "A", Rating: 4.6, Reviews: 1284, Seller: 2,
		Features: []string{"Grill", "10 power levels", "Auto-defrost", "Child lock"},
		Dims:     "59.5 × 38.8 × 40.0 cm", Power: "900 W (grill 1000 W)", Noise: "52 dB",
		Warranty: 5, Stock: 14},
	{SKU: "HD-HB20", Name: "Halden HB20 Built-in Microwave with Grill", Brand: "Halden", Cat: catMicrowave,
		Tags: []string{"built-in"}, Price: 28900, Capacity: 20, Unit: "L",
		Colors: []string{"Black", "White", "Stainless steel"},
		Energy: "B", Rating: 4.3, Reviews: 512,
		Features: []string{"Grill", "5 power levels", "Quick start"},
		Dims:     "59.4 × 38.2 × 32.0 cm", Power: "800 W", Noise: "56 dB",
		Warranty: 2, Stock: 6},
	{SKU: "AU-INT32", Name: "Aurelia Integra 32 Built-in Combi Microwave", Brand: "Aurelia", Cat: catMicrowave,
		Tags: []string{"built-in", "combi", "convection"}, Price: 54999, WasPrice: 62999, Capacity: 32, Unit: "L",
		Colors: []string{"Stainless steel", "Black glass"},
		Energy: "A", Rating: 4.7, Reviews: 388,
		Features: []string{"Convection oven mode", "Grill", "Sensor cooking", "Steam clean"},
		Dims:     "59.5 × 45.5 × 56.5 cm", Power: "1000 W (convection 1700 W)", Noise: "50 dB",
		Warranty: 3, Stock: 3},
	{SKU: "KS-CM23", Name: "Kestrel CM23 Countertop Microwave", Brand: "Kestrel", Cat: catMicrowave,
		Tags: []string{"countertop"}, Price: 11999, Capacity: 23, Unit: "L",
		Colors: []string{"White", "Black", "Red"},
		Energy: "C", Rating: 4.4, Reviews: 3911, Seller: 1,
		Features: []string{"Digital timer", "6 auto menus", "Turntable"},
		Dims:     "48.5 × 28.2 × 37.5 cm", Power: "800 W", Noise: "58 dB",
		Warranty: 2, Stock: 41},
	{SKU: "BW-SOLO17", Name: "Brightwell Solo 17 Compact Microwave", Brand: "Brightwell", Cat: catMicrowave,
		Tags: []string{"countertop", "compact"}, Price: 7900, WasPrice: 9900, Capacity: 17, Unit: "L",
		Colors: []string{"White", "Black"},
		Energy: "C", Rating: 4.1, Reviews: 870,
		Features: []string{"Mechanical dials", "5 power levels"},
		Dims:     "44.0 × 25.8 × 35.5 cm", Power: "700 W", Noise: "59 dB",
		Warranty: 1, Stock: 22},
	{SKU: "VT-OTR30", Name: "Vantor OTR-30 Over-the-Range Microwave", Brand: "Vantor", Cat: catMicrowave,
		Tags: []string{"over-the-range"}, Price: 39900, Capacity: 54, Unit: "L",
		Colors: []string{"Stainless steel", "Black stainless"},
		Energy: "B", Rating: 4.2, Reviews: 641,
		Features: []string{"300 CFM vent fan", "LED cooktop light", "Sensor reheat"},
		Dims:     "76.2 × 42.3 × 40.6 cm", Power: "1000 W", Noise: "60 dB",
		Warranty: 1, Stock: 0},
	{SKU: "MV-INV28", Name: "Miravo Inverter 28 Countertop Microwave", Brand: "Miravo", Cat: catMicrowave,
		Tags: []string{"countertop"}, Price: 17999, Capacity: 28, Unit: "L",
		Colors: []string{"Silver", "Black"},
		Energy: "A", Rating: 4.5, Reviews: 1530,
		Features: []string{"Inverter power for even heating", "Sensor cooking", "Keep warm"},
		Dims:     "52.0 × 30.9 × 42.0 cm", Power: "1000 W", Noise: "51 dB",
		Warranty: 2, Stock: 17},

	// Ovens
	{SKU: "NV-BO71", Name: "Nordvik BO71 Pyrolytic Built-in Oven", Brand: "Nordvik", Cat: catOven,
		Tags: []string{"built-in", "pyrolytic"}, Price: 74900, WasPrice: 89900, Capacity: 71, Unit: "L",
		Colors: []string{"Stainless steel", "Black glass"},
		Energy: "A+", Rating: 4.7, Reviews: 955, Seller: 5,
		Features: []string{"Pyrolytic self-cleaning", "Meat probe", "Telescopic rails", "Wi-Fi"},
		Dims:     "59.5 × 59.5 × 54.8 cm", Power: "3500 W", Noise: "46 dB",
		Warranty: 5, Stock: 8},
	{SKU: "AU-STEAM60", Name: "Aurelia SteamPro 60 Built-in Steam Oven", Brand: "Aurelia", Cat: catOven,
		Tags: []string{"built-in", "steam"}, Price: 119900, Capacity: 70, Unit: "L",
		Colors: []string{"Black glass", "Stainless steel"},
		Energy: "A++", Rating: 4.8, Reviews: 214,
		Features: []string{"Full steam and combi steam", "Sous-vide mode", "Descaling program"},
		Dims:     "59.5 × 59.6 × 56.7 cm", Power: "3600 W", Noise: "44 dB",
		Warranty: 3, Stock: 2},
	{SKU: "HD-CL65", Name: "Halden Classic 65 Built-in Oven", Brand: "Halden", Cat: catOven,
		Tags: []string{"built-in"}, Price: 42999, Capacity: 65, Unit: "L",
		Colors: []string{"Stainless steel", "Black", "White"},
		Energy: "A", Rating: 4.3, Reviews: 1102,
		Features: []string{"8 cooking functions", "Catalytic liners", "Soft-close door"},
		Dims:     "59.5 × 59.5 × 56.0 cm", Power: "2900 W", Noise: "48 dB",
		Warranty: 2, Stock: 11},
	{SKU: "KS-DUO30", Name: "Kestrel Duo30 Freestanding Range", Brand: "Kestrel", Cat: catOven,
		Tags: []string{"freestanding", "range"}, Price: 89900, Capacity: 150, Unit: "L",
		Colors: []string{"Stainless steel", "Black stainless"},
		Energy: "B", Rating: 4.4, Reviews: 733,
		Features: []string{"30-inch, 5 gas burners", "Convection oven", "Air fry mode"},
		Dims:     "76.2 × 93.3 × 71.1 cm", Power: "Gas + 240 V electric", Noise: "52 dB",
		Warranty: 2, Stock: 4},
	{SKU: "BW-AIR25", Name: "Brightwell AirChef 25 Countertop Convection Oven", Brand: "Brightwell", Cat: catOven,
		Tags: []string{"countertop", "convection", "compact"}, Price: 14999, WasPrice: 17999, Capacity: 25, Unit: "L",
		Colors: []string{"Black", "Stainless steel"},
		Energy: "A", Rating: 4.5, Reviews: 2476, Seller: 6,
		Features: []string{"Air fry", "Rotisserie", "12 presets"},
		Dims:     "48.0 × 32.0 × 43.0 cm", Power: "1800 W", Noise: "55 dB",
		Warranty: 1, Stock: 36},

	// Fridges
	{SKU: "NV-FD560", Name: "Nordvik FD560 French Door Refrigerator", Brand: "Nordvik", Cat: catFridge,
		Tags: []string{"french door"}, Price: 189900, Capacity: 560, Unit: "L",
		Colors: []string{"Stainless steel", "Black stainless"}, Sizes: []size{{620, 20000}},
		Energy: "A++", Rating: 4.6, Reviews: 842, Seller: 3,
		Features: []string{"Ice and water dispenser", "Flex-zone drawer", "No frost"},
		Dims:     "91.0 × 178.5 × 73.0 cm", Power: "0.9 kWh/day", Noise: "38 dB",
		Warranty: 5, Stock: 5},
	{SKU: "HD-SBS610", Name: "Halden SBS 610 Side-by-Side Fridge Freezer", Brand: "Halden", Cat: catFridge,
		Tags: []string{"side-by-side"}, Price: 134900, WasPrice: 149900, Capacity: 610, Unit: "L",
		Colors: []string{"Stainless steel", "Black"},
		Energy: "A+", Rating: 4.4, Reviews: 517,
		Features: []string{"Plumbed ice maker", "Holiday mode", "No frost"},
		Dims:     "91.2 × 179.0 × 71.6 cm", Power: "1.1 kWh/day", Noise: "40 dB",
		Warranty: 2, Stock: 7},
	{SKU: "KS-BF340", Name: "Kestrel BF340 Bottom-Freezer Fridge", Brand: "Kestrel", Cat: catFridge,
		Tags: []string{"bottom-freezer"}, Price: 69900, Capacity: 340, Unit: "L",
		Colors: []string{"White", "Stainless steel"},
		Energy: "A+", Rating: 4.5, Reviews: 1320,
		Features: []string{"Multi-airflow cooling", "Humidity-controlled crisper", "Reversible doors"},
		Dims:     "59.5 × 185.0 × 65.8 cm", Power: "0.7 kWh/day", Noise: "36 dB",
		Warranty: 2, Stock: 19},
	{SKU: "BW-CUBE90", Name: "Brightwell Cube 90 Mini Fridge", Brand: "Brightwell", Cat: catFridge,
		Tags: []string{"mini", "compact"}, Price: 18999, Capacity: 90, Unit: "L",
		Colors: []string{"Black", "White", "Red"},
		Energy: "A", Rating: 4.2, Reviews: 2054, Seller: 8,
		Features: []string{"Small freezer compartment", "Adjustable glass shelf", "Quiet compressor"},
		Dims:     "47.0 × 84.0 × 45.0 cm", Power: "0.4 kWh/day", Noise: "39 dB",
		Warranty: 1, Stock: 28},
	{SKU: "MV-RETRO250", Name: "Miravo Retro 250 Fridge Freezer", Brand: "Miravo", Cat: catFridge,
		Tags: []string{"retro", "top-freezer"}, Price: 94900, Capacity: 250, Unit: "L",
		Colors: []string{"Cream", "Red", "Pastel blue", "Black"},
		Energy: "A++", Rating: 4.7, Reviews: 466,
		Features: []string{"1950s styling", "Chrome handles", "LED interior light"},
		Dims:     "60.0 × 151.0 × 68.0 cm", Power: "0.6 kWh/day", Noise: "38 dB",
		Warranty: 2, Stock: 0},
	{SKU: "AU-INT300", Name: "Aurelia Integra 300 Built-in Fridge", Brand: "Aurelia", Cat: catFridge,
		Tags: []string{"built-in"}, Price: 124900, Capacity: 300, Unit: "L",
		Colors: []string{"Panel-ready"},
		Energy: "A++", Rating: 4.5, Reviews: 198,
		Features: []string{"Fits a 178 cm niche", "Soft-close doors", "Fresh-zone drawer"},
		Dims:     "55.6 × 177.2 × 54.5 cm", Power: "0.5 kWh/day", Noise: "35 dB",
		Warranty: 3, Stock: 4},

	// Dishwashers
	{SKU: "NV-DW14", Name: "Nordvik DW14 Quiet Dishwasher", Brand: "Nordvik", Cat: catDish,
		Tags: []string{"freestanding", "quiet"}, Price: 64900, Capacity: 14, Unit: "place settings",
		Colors: []string{"Stainless steel", "White"},
		Energy: "A++", Rating: 4.7, Reviews: 1760, Seller: 4,
		Features: []string{"42 dB quiet mode", "Third cutlery rack", "Auto door opening"},
		Dims:     "60.0 × 84.5 × 60.0 cm", Power: "0.74 kWh/cycle", Noise: "42 dB",
		Warranty: 5, Stock: 12},
	{SKU: "HD-SLIM45", Name: "Halden Slim 45 Slimline Dishwasher", Brand: "Halden", Cat: catDish,
		Tags: []string{"slimline", "compact"}, Price: 42900, WasPrice: 49900, Capacity: 10, Unit: "place settings",
		Colors: []string{"White", "Stainless steel"},
		Energy: "A+", Rating: 4.3, Reviews: 622,
		Features: []string{"45 cm wide", "Half-load option", "Delay start"},
		Dims:     "44.8 × 84.5 × 60.0 cm", Power: "0.69 kWh/cycle", Noise: "46 dB",
		Warranty: 2, Stock: 9},
	{SKU: "KS-INT60", Name: "Kestrel Integra 60 Fully Integrated Dishwasher", Brand: "Kestrel", Cat: catDish,
		Tags: []string{"built-in", "quiet"}, Price: 57900, Capacity: 13, Unit: "place settings",
		Colors: []string{"Panel-ready"},
		Energy: "A+++", Rating: 4.6, Reviews: 489,
		Features: []string{"Hidden controls", "Floor time projection", "Zeolite drying"},
		Dims:     "59.8 × 81.5 × 55.0 cm", Power: "0.61 kWh/cycle", Noise: "44 dB",
		Warranty: 2, Stock: 6},
	{SKU: "BW-TAB6", Name: "Brightwell Table 6 Countertop Dishwasher", Brand: "Brightwell", Cat: catDish,
		Tags: []string{"countertop", "compact"}, Price: 29999, Capacity: 6, Unit: "place settings",
		Colors: []string{"White", "Silver"},
		Energy: "A", Rating: 4.0, Reviews: 931,
		Features: []string{"No plumbing needed (tank)", "Glass care program"},
		Dims:     "55.0 × 43.8 × 50.0 cm", Power: "0.61 kWh/cycle", Noise: "49 dB",
		Warranty: 1, Stock: 15},

	// Coffee machines
	{SKU: "AU-BARISTA", Name: "Aurelia Barista Pro Espresso Machine", Brand: "Aurelia", Cat: catCoffee,
		Tags: []string{"espresso", "milk"}, Price: 59900, Capacity: 2, Unit: "L",
		Colors: []string{"Brushed steel", "Black"},
		Energy: "A", Rating: 4.8, Reviews: 2210, Seller: 7,
		Features: []string{"Built-in conical grinder", "PID temperature control", "Steam wand"},
		Dims:     "33.0 × 40.6 × 31.0 cm", Power: "1680 W", Noise: "74 dB",
		Warranty: 3, Stock: 10},
	{SKU: "NV-BEAN", Name: "Nordvik BeanCraft Bean-to-Cup Coffee Machine", Brand: "Nordvik", Cat: catCoffee,
		Tags: []string{"bean-to-cup", "espresso", "milk"}, Price: 84900, WasPrice: 99900, Capacity: 1.8, Unit: "L",
		Colors: []string{"Black", "Silver"},
		Energy: "A", Rating: 4.6, Reviews: 674,
		Features: []string{"One-touch cappuccino", "12 drink presets", "Auto-clean milk system"},
		Dims:     "24.0 × 38.0 × 44.0 cm", Power: "1450 W", Noise: "70 dB",
		Warranty: 5, Stock: 3},
	{SKU: "KS-POD1", Name: "Kestrel Pod One Capsule Coffee Maker", Brand: "Kestrel", Cat: catCoffee,
		Tags: []string{"capsule", "compact"}, Price: 8999, Capacity: 0.9, Unit: "L",
		Colors: []string{"Red", "Black", "White"},
		Energy: "A", Rating: 4.2, Reviews: 5120, Seller: 9,
		Features: []string{"25-second heat-up", "3 cup sizes", "Auto off"},
		Dims:     "14.0 × 24.0 × 39.0 cm", Power: "1260 W", Noise: "68 dB",
		Warranty: 2, Stock: 60},
	{SKU: "HD-BREW12", Name: "Halden Brew 12 Drip Coffee Maker", Brand: "Halden", Cat: catCoffee,
		Tags: []string{"drip"}, Price: 5999, Capacity: 1.8, Unit: "L",
		Colors: []string{"Black", "Stainless steel"},
		Energy: "B", Rating: 4.3, Reviews: 3305,
		Features: []string{"12 cups", "Programmable timer", "Keep-warm plate"},
		Dims:     "20.5 × 35.0 × 25.0 cm", Power: "1000 W", Noise: "45 dB",
		Warranty: 2, Stock: 33},
	{SKU: "MV-DUETTO", Name: "Miravo Duetto Espresso & Milk Station", Brand: "Miravo", Cat: catCoffee,
		Tags: []string{"espresso", "milk"}, Price: 34999, Capacity: 1.5, Unit: "L",
		Colors: []string{"Cream", "Black", "Red"},
		Energy: "A", Rating: 4.4, Reviews: 803,
		Features: []string{"15-bar pump", "Automatic milk frother", "Cup warmer"},
		Dims:     "27.0 × 31.0 × 30.0 cm", Power: "1350 W", Noise: "72 dB",
		Warranty: 2, Stock: 8},

	// Washing machines
	{SKU: "NV-WM9", Name: "Nordvik WM9 Front-Load Washer", Brand: "Nordvik", Cat: catWasher,
		Tags: []string{"front-load"}, Price: 74900, Capacity: 9, Unit: "kg",
		Colors: []string{"White", "Graphite"}, Sizes: []size{{8, -5000}, {10, 7000}},
		Energy: "A", Rating: 4.6, Reviews: 1411, Seller: 10,
		Features: []string{"1400 rpm", "Steam refresh", "Auto-dosing"},
		Dims:     "59.7 × 85.0 × 61.5 cm", Power: "0.49 kWh/cycle", Noise: "48 dB",
		Warranty: 5, Stock: 9},
	{SKU: "HD-ECO8", Name: "Halden Eco 8 Front-Load Washing Machine", Brand: "Halden", Cat: catWasher,
		Tags: []string{"front-load"}, Price: 52900, WasPrice: 59900, Capacity: 8, Unit: "kg",
		Colors: []string{"White"},
		Energy: "A", Rating: 4.4, Reviews: 987,
		Features: []string{"1200 rpm", "Quick 15' program", "Delay end"},
		Dims:     "59.5 × 84.5 × 55.0 cm", Power: "0.45 kWh/cycle", Noise: "51 dB",
		Warranty: 2, Stock: 13},
	{SKU: "KS-TOP11", Name: "Kestrel TopLoad 11 Top-Load Washer", Brand: "Kestrel", Cat: catWasher,
		Tags: []string{"top-load"}, Price: 64999, Capacity: 11, Unit: "kg",
		Colors: []string{"White", "Graphite"},
		Energy: "C", Rating: 4.3, Reviews: 702,
		Features: []string{"Agitator-free drum", "Deep fill", "Soak cycle"},
		Dims:     "68.6 × 107.0 × 71.0 cm", Power: "0.80 kWh/cycle", Noise: "55 dB",
		Warranty: 2, Stock: 4},
	{SKU: "BW-CMP6", Name: "Brightwell Compact 6 Washing Machine", Brand: "Brightwell", Cat: catWasher,
		Tags: []string{"front-load", "compact"}, Price: 39900, Capacity: 6, Unit: "kg",
		Colors: []string{"White", "Silver"},
		Energy: "B", Rating: 4.1, Reviews: 455,
		Features: []string{"Fits under a counter (60 × 44 cm)", "1000 rpm", "Wool program"},
		Dims:     "59.5 × 84.5 × 44.0 cm", Power: "0.52 kWh/cycle", Noise: "53 dB",
		Warranty: 1, Stock: 21},
	{SKU: "AU-STEAM10", Name: "Aurelia Steam 10 Washer with Steam", Brand: "Aurelia", Cat: catWasher,
		Tags: []string{"front-load", "steam"}, Price: 99900, Capacity: 10, Unit: "kg",
		Colors: []string{"Graphite", "White"},
		Energy: "A", Rating: 4.7, Reviews: 366,
		Features: []string{"Allergy steam cycle", "1600 rpm", "App control"},
		Dims:     "60.0 × 85.0 × 65.0 cm", Power: "0.46 kWh/cycle", Noise: "46 dB",
		Warranty: 3, Stock: 2},

	// Vacuum cleaners
	{SKU: "KS-AERO8", Name: "Kestrel AeroStick V8 Cordless Vacuum", Brand: "Kestrel", Cat: catVacuum,
		Tags: []string{"cordless", "stick"}, Price: 27999, WasPrice: 34999, Capacity: 0.6, Unit: "L",
		Colors: []string{"Graphite", "Blue"},
		Energy: "A", Rating: 4.5, Reviews: 4380, Seller: 11,
		Features: []string{"60 min run time", "HEPA filter", "Converts to handheld"},
		Dims:     "25.0 × 124.0 × 22.0 cm", Power: "450 W", Noise: "74 dB",
		Warranty: 2, Stock: 25},
	{SKU: "NV-ROBO7", Name: "Nordvik RoboClean S7 Robot Vacuum", Brand: "Nordvik", Cat: catVacuum,
		Tags: []string{"robot"}, Price: 44900, Capacity: 0.4, Unit: "L",
		Colors: []string{"Black", "White"},
		Energy: "A", Rating: 4.4, Reviews: 1893, Seller: 12,
		Features: []string{"Lidar mapping", "Mopping pad", "Self-empty dock"},
		Dims:     "35.3 × 9.7 × 35.3 cm", Power: "58 W", Noise: "62 dB",
		Warranty: 5, Stock: 11},
	{SKU: "HD-PMAX", Name: "Halden PowerMax Upright Vacuum", Brand: "Halden", Cat: catVacuum,
		Tags: []string{"upright", "corded"}, Price: 19900, Capacity: 2, Unit: "L",
		Colors: []string{"Red", "Grey"},
		Energy: "B", Rating: 4.3, Reviews: 1208,
		Features: []string{"Pet turbo brush", "9 m cable", "Washable filter"},
		Dims:     "30.0 × 110.0 × 32.0 cm", Power: "800 W", Noise: "78 dB",
		Warranty: 2, Stock: 16},
	{SKU: "MV-SILENT", Name: "Miravo Silent Canister Vacuum", Brand: "Miravo", Cat: catVacuum,
		Tags: []string{"canister", "corded", "quiet"}, Price: 22900, Capacity: 3, Unit: "L",
		Colors: []string{"Blue", "Black"},
		Energy: "A", Rating: 4.6, Reviews: 744,
		Features: []string{"66 dB", "Parquet brush", "12 m reach"},
		Dims:     "28.0 × 24.0 × 45.0 cm", Power: "650 W", Noise: "66 dB",
		Warranty: 2, Stock: 7},
	{SKU: "BW-HAND", Name: "Brightwell Mini Handheld Vacuum", Brand: "Brightwell", Cat: catVacuum,
		Tags: []string{"handheld", "cordless", "compact"}, Price: 4999, Capacity: 0.3, Unit: "L",
		Colors: []string{"White"},
		Energy: "C", Rating: 3.9, Reviews: 2650,
		Features: []string{"20 min run time", "Crevice tool", "USB-C charging"},
		Dims:     "10.0 × 38.0 × 12.0 cm", Power: "120 W", Noise: "76 dB",
		Warranty: 1, Stock: 40},
}

// brands lists the catalog's brands, for recognising them in requests.
var brands = []string{"Aurelia", "Brightwell", "Halden", "Kestrel", "Miravo", "Nordvik", "Vantor"}

// productBySKU finds a catalog product.
func productBySKU(sku string) (product, bool) {
	for _, p := range catalog {
		if p.SKU == sku {
			return p, true
		}
	}
	return product{}, false
}
